package io.crmaffinity.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What goes into a basket: products picked by category popularity and then product popularity (different for
 * individuals and businesses), and the planted affinities, which every product entering the basket can
 * trigger.
 */
final class Baskets {
  static final int MAX_ITEMS = 8;

  private Baskets() {}

  /** One independent pick for the customer. */
  static Product draw(Customer c, Draws draws) {
    String category = Catalogue.CATEGORIES[draws.index(c.business() ? Catalogue.CATEGORY_WEIGHTS_BUSINESS
        : Catalogue.CATEGORY_WEIGHTS_INDIVIDUAL)];
    List<Product> products = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (Product p : Catalogue.PRODUCTS) {
      if (p.category().equals(category)) {
        products.add(p);
        weights.add(c.business() ? p.weightBusiness() : p.weightIndividual());
      }
    }
    return products.get(draws.index(weights.stream().mapToDouble(Double::doubleValue).toArray()));
  }

  /** Adds {@code p} (unless present or the basket is full) and whatever its planted rules bring along. */
  static void add(Set<Product> basket, Product p, Draws draws) {
    if (basket.size() >= MAX_ITEMS || basket.contains(p)) {
      return;
    }
    basket.add(p);
    String id = p.id();
    if (p.category().equals("LAPTOPS") && draws.uniform() < Catalogue.LAPTOP_DOCK) {
      add(basket, Catalogue.get("P009"), draws);
    }
    if (Catalogue.SMARTPHONES.contains(id)) {
      if (draws.uniform() < Catalogue.SMARTPHONE_CASE) {
        add(basket, Catalogue.get("P017"), draws);
      }
      if (draws.uniform() < Catalogue.SMARTPHONE_PROTECTOR) {
        add(basket, Catalogue.get("P018"), draws);
      }
    }
    if (id.equals("P028") && draws.uniform() < Catalogue.CRM_ONBOARDING) {
      add(basket, Catalogue.get("P037"), draws);
    }
    if (Catalogue.LASER_PRINTERS.contains(id) && draws.uniform() < Catalogue.PRINTER_TONER) {
      add(basket, Catalogue.get("P047"), draws);
    }
    if (id.equals("P050")) {
      if (draws.uniform() < Catalogue.ROUTER_SWITCH) {
        add(basket, Catalogue.get("P052"), draws);
      }
      if (draws.uniform() < Catalogue.ROUTER_INSTALL) {
        add(basket, Catalogue.get("P038"), draws);
      }
    }
  }

  /** The second step of the laptop chain: a basket holding a laptop and the dock gets the mouse, once. */
  static void addMouseToLaptopAndDock(Set<Product> basket, Draws draws) {
    if (basket.contains(Catalogue.get("P009")) && hasCategory(basket, "LAPTOPS")
        && draws.uniform() < Catalogue.LAPTOP_DOCK_MOUSE) {
      add(basket, Catalogue.get("P010"), draws);
    }
  }

  private static boolean hasCategory(Set<Product> basket, String category) {
    for (Product p : basket) {
      if (p.category().equals(category)) {
        return true;
      }
    }
    return false;
  }
}
