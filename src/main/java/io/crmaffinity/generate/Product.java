package io.crmaffinity.generate;

/**
 * One product of the catalogue.
 *
 * @param priceCents the list price in cents
 * @param weightIndividual how often individuals pick it within its category (relative)
 * @param weightBusiness how often businesses pick it within its category (relative)
 */
record Product(String id, String name, String category, long priceCents, double weightIndividual,
    double weightBusiness) {}
