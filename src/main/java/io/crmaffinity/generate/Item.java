package io.crmaffinity.generate;

/**
 * One line of an order.
 *
 * @param unitPriceCents the line's price, or null for an empty field (the product's price applies)
 */
record Item(Product product, int quantity, Long unitPriceCents) {}
