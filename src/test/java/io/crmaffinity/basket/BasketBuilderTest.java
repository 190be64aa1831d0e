package io.crmaffinity.basket;

import io.crmaffinity.SparkTestBase;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class BasketBuilderTest extends SparkTestBase {
  private static final StructType ORDERS = schema("order_id STRING, customer_id STRING, order_date DATE, status STRING");
  private static final StructType ITEMS = schema("order_id STRING, product_id STRING, quantity INT");
  private static final StructType PRODUCTS = schema("product_id STRING, category STRING");
  private static final StructType BASKETS = schema(
      "basket_id STRING, customer_id STRING, items ARRAY<STRING>, item_count INT");
  private static final LocalDate RUN = LocalDate.parse("2025-06-30");

  private Dataset<Row> orders() {
    return rows(ORDERS,
        new Object[] {"O1", "C1", Date.valueOf("2025-01-05"), "COMPLETED"},
        new Object[] {"O2", "C1", Date.valueOf("2025-02-05"), "COMPLETED"},
        new Object[] {"O3", "C2", Date.valueOf("2025-03-05"), "CANCELLED"},
        new Object[] {"O4", "C2", Date.valueOf("2025-07-01"), "COMPLETED"},
        new Object[] {"O5", "C3", Date.valueOf("2025-06-30"), "RETURNED"});
  }

  private Dataset<Row> items() {
    return rows(ITEMS,
        new Object[] {"O1", "P2", 1},
        new Object[] {"O1", "P1", 1},
        new Object[] {"O1", "P2", 3}, // the same product on a second line counts once
        new Object[] {"O2", "P3", 1},
        new Object[] {"O2", "P1", 2},
        new Object[] {"O3", "P1", 1},
        new Object[] {"O4", "P1", 1},
        new Object[] {"O5", "P3", 1});
  }

  private Dataset<Row> products() {
    return rows(PRODUCTS,
        new Object[] {"P1", "LAPTOPS"},
        new Object[] {"P2", "ACCESSORIES"},
        new Object[] {"P3", "ACCESSORIES"});
  }

  @Test
  void oneDistinctSortedProductSetPerCompletedOrderUpToTheRunDate() {
    Dataset<Row> actual = BasketBuilder.build(orders(), items(), products(),
        new BasketOptions("order", "product", List.of("COMPLETED"), RUN));
    Dataset<Row> expected = rows(BASKETS,
        new Object[] {"O1", "C1", List.of("P1", "P2").toArray(), 2},
        new Object[] {"O2", "C1", List.of("P1", "P3").toArray(), 2});
    assertSameRows(expected, conformed(actual));
  }

  @Test
  void categoryLevelCollapsesProductsOfOneCategory() {
    Dataset<Row> actual = BasketBuilder.build(orders(), items(), products(),
        new BasketOptions("order", "category", List.of("COMPLETED", "RETURNED"), RUN));
    Dataset<Row> expected = rows(BASKETS,
        new Object[] {"O1", "C1", List.of("ACCESSORIES", "LAPTOPS").toArray(), 2},
        new Object[] {"O2", "C1", List.of("ACCESSORIES", "LAPTOPS").toArray(), 2},
        new Object[] {"O5", "C3", List.of("ACCESSORIES").toArray(), 1});
    assertSameRows(expected, conformed(actual));
  }

  @Test
  void customerGranularityUnitesACustomersOrders() {
    Dataset<Row> actual = BasketBuilder.build(orders(), items(), products(),
        new BasketOptions("customer", "product", List.of("COMPLETED"), RUN));
    Dataset<Row> expected = rows(BASKETS,
        new Object[] {"C1", "C1", List.of("P1", "P2", "P3").toArray(), 3});
    assertSameRows(expected, conformed(actual));
  }

  private static Dataset<Row> conformed(Dataset<Row> df) {
    return df.select("basket_id", "customer_id", "items", "item_count");
  }
}
