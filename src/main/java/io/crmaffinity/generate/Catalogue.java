package io.crmaffinity.generate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reseller's 60 products in 8 categories, how popular each is with individuals and businesses, and the
 * affinities planted between them (data-samples/README.md, "Planted affinities").
 */
final class Catalogue {
  static final String[] CATEGORIES = {
      "LAPTOPS", "ACCESSORIES", "PHONES", "SOFTWARE", "SERVICES", "PRINTERS", "NETWORKING", "SUPPLIES"};
  /** Category popularity per basket draw, in the order of {@link #CATEGORIES}. */
  static final double[] CATEGORY_WEIGHTS_INDIVIDUAL = {13, 24, 20, 8, 5, 6, 7, 12};
  static final double[] CATEGORY_WEIGHTS_BUSINESS = {15, 15, 8, 20, 13, 6, 12, 9};

  static final List<Product> PRODUCTS = List.of(
      p("P001", "ProBook 14 Laptop", "LAPTOPS", "899.00", 5, 8),
      p("P002", "ProBook 16 Laptop", "LAPTOPS", "1199.00", 3, 6),
      p("P003", "UltraLite 13 Laptop", "LAPTOPS", "1349.00", 3, 4),
      p("P004", "WorkStation X15 Laptop", "LAPTOPS", "2249.00", 0.5, 2),
      p("P005", "StudentBook 14 Laptop", "LAPTOPS", "549.00", 5, 1),
      p("P006", "Chromebook 11 Laptop", "LAPTOPS", "329.00", 4, 1),
      p("P007", "GamerPro 17 Laptop", "LAPTOPS", "1799.00", 3, 0.3),
      p("P008", "ConvertiFlex 14 2-in-1 Laptop", "LAPTOPS", "999.00", 2, 2),

      p("P009", "USB-C Docking Station", "ACCESSORIES", "189.00", 2, 4),
      p("P010", "Wireless Mouse", "ACCESSORIES", "29.99", 6, 5),
      p("P011", "Wireless Keyboard", "ACCESSORIES", "49.99", 4, 4),
      p("P012", "Laptop Sleeve 14\"", "ACCESSORIES", "24.99", 4, 1),
      p("P013", "Noise-Cancelling Headset", "ACCESSORIES", "149.00", 3, 3),
      p("P014", "HD Webcam 1080p", "ACCESSORIES", "79.00", 2, 3),
      p("P015", "27\" 4K Monitor", "ACCESSORIES", "399.00", 2, 4),
      p("P016", "USB-C Charger 65W", "ACCESSORIES", "49.00", 4, 2),
      p("P017", "Phone Case", "ACCESSORIES", "24.99", 3, 1),
      p("P018", "Screen Protector", "ACCESSORIES", "14.99", 3, 1),
      p("P019", "Wireless Earbuds", "ACCESSORIES", "129.00", 5, 1),
      p("P020", "Laptop Backpack", "ACCESSORIES", "59.00", 3, 1),

      p("P021", "Nova X Smartphone", "PHONES", "999.00", 5, 4),
      p("P022", "Nova Lite Smartphone", "PHONES", "449.00", 6, 3),
      p("P023", "Pixelon 8 Smartphone", "PHONES", "699.00", 5, 2),
      p("P024", "Rugged Pro Smartphone", "PHONES", "549.00", 1, 3),
      p("P025", "Fold Z Smartphone", "PHONES", "1599.00", 2, 1),
      p("P026", "Basic Feature Phone", "PHONES", "59.00", 2, 1),
      p("P027", "Nova Tab 11 Tablet", "PHONES", "599.00", 4, 2),

      p("P028", "CRM Professional Licence", "SOFTWARE", "1200.00", 0.1, 5),
      p("P029", "CRM Enterprise Licence", "SOFTWARE", "3600.00", 0.02, 1.5),
      p("P030", "Office Suite Licence", "SOFTWARE", "99.00", 5, 5),
      p("P031", "Antivirus Premium 1-Year", "SOFTWARE", "39.99", 6, 2),
      p("P032", "Cloud Backup 1TB Subscription", "SOFTWARE", "89.00", 3, 3),
      p("P033", "Accounting Suite, Small Business", "SOFTWARE", "399.00", 0.5, 3),
      p("P034", "Photo Editor Pro", "SOFTWARE", "149.00", 3, 0.5),
      p("P035", "VPN Business Licence", "SOFTWARE", "79.00", 0.5, 3),
      p("P036", "Design Studio Licence", "SOFTWARE", "599.00", 1, 1.5),

      p("P037", "CRM Onboarding Service", "SERVICES", "1500.00", 0.05, 1),
      p("P038", "Network Installation Service", "SERVICES", "450.00", 0.5, 2),
      p("P039", "Extended Warranty 3-Year", "SERVICES", "199.00", 5, 3),
      p("P040", "On-Site Support Plan", "SERVICES", "999.00", 0.2, 3),
      p("P041", "Data Migration Service", "SERVICES", "750.00", 0.5, 2),
      p("P042", "Device Setup Service", "SERVICES", "49.00", 5, 2),
      p("P043", "IT Training Day", "SERVICES", "690.00", 0.3, 2),

      p("P044", "LaserJet 4000 Printer", "PRINTERS", "249.00", 4, 4),
      p("P045", "LaserPro M200 Printer", "PRINTERS", "399.00", 2, 5),
      p("P046", "Colour Laser MFP 700 Printer", "PRINTERS", "899.00", 0.5, 3),
      p("P047", "Toner Cartridge Black", "PRINTERS", "89.00", 2, 3),
      p("P048", "Toner Cartridge Colour Pack", "PRINTERS", "229.00", 1, 2),
      p("P049", "Compact Photo Printer", "PRINTERS", "149.00", 4, 0.5),

      p("P050", "AX3000 Wi-Fi Router", "NETWORKING", "179.00", 5, 5),
      p("P051", "24-Port Network Switch", "NETWORKING", "329.00", 0.2, 3),
      p("P052", "8-Port Network Switch", "NETWORKING", "69.00", 1, 2),
      p("P053", "Mesh Wi-Fi Kit (3-Pack)", "NETWORKING", "299.00", 4, 1),
      p("P054", "Firewall Appliance FX100", "NETWORKING", "1190.00", 0.1, 2),
      p("P055", "Cat6 Patch Cable 10-Pack", "NETWORKING", "24.99", 2, 3),

      p("P056", "Copy Paper A4, 5 Reams", "SUPPLIES", "29.99", 3, 5),
      p("P057", "Ink Cartridge Multipack", "SUPPLIES", "59.99", 4, 1),
      p("P058", "Label Tape 12mm", "SUPPLIES", "19.99", 1, 3),
      p("P059", "Screen Cleaning Kit", "SUPPLIES", "14.99", 3, 2),
      p("P060", "USB Flash Drive 64GB", "SUPPLIES", "17.99", 4, 3));

  private static final Map<String, Product> BY_ID = index(PRODUCTS);

  // Planted affinities: the chance that a product entering a basket brings the other one along.
  static final double LAPTOP_DOCK = 0.60;
  static final double LAPTOP_DOCK_MOUSE = 0.55;
  static final double SMARTPHONE_CASE = 0.65;
  static final double SMARTPHONE_PROTECTOR = 0.50;
  static final double CRM_ONBOARDING = 0.70;
  static final double PRINTER_TONER = 0.55;
  static final double ROUTER_SWITCH = 0.50;
  static final double ROUTER_INSTALL = 0.40;

  static final Set<String> SMARTPHONES = Set.of("P021", "P022", "P023", "P024", "P025");
  static final Set<String> LASER_PRINTERS = Set.of("P044", "P045", "P046");

  private Catalogue() {}

  static Product get(String id) {
    Product p = BY_ID.get(id);
    if (p == null) {
      throw new IllegalArgumentException("no product " + id);
    }
    return p;
  }

  /** The planted bad product row: a negative price (data-samples/README.md, bad row 3). */
  static String[] badProductRow() {
    return new String[] {"P061", "Refurbished Docking Station", "ACCESSORIES", "-15.00"};
  }

  private static Product p(String id, String name, String category, String price, double individual,
      double business) {
    return new Product(id, name, category, Money.cents(price), individual, business);
  }

  private static Map<String, Product> index(List<Product> products) {
    Map<String, Product> byId = new LinkedHashMap<>();
    for (Product p : products) {
      byId.put(p.id(), p);
    }
    return Map.copyOf(byId);
  }
}
