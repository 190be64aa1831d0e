package io.crmaffinity.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcOptionsTest {

  @Test
  void passwordComesFromTheNamedEnvironmentVariable() {
    JdbcOptions o = new JdbcOptions("crm", "CRM_PW", "", "", 10, 10);
    assertEquals("from-env", o.connectionProperties(Map.of("CRM_PW", "from-env")::get).getProperty("password"));
    assertNull(o.connectionProperties(Map.<String, String>of()::get).getProperty("password"));
    assertEquals("crm", o.connectionProperties(Map.<String, String>of()::get).getProperty("user"));
  }

  @Test
  void aPasswordFileWinsAndOnlyItsFirstLineCounts(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("pw");
    Files.writeString(f, "  from-file  \nsecond line\n");
    JdbcOptions o = new JdbcOptions("crm", "CRM_PW", f.toString(), "", 10, 10);
    assertEquals("from-file", o.password(Map.of("CRM_PW", "from-env")::get));
    JdbcOptions missing = new JdbcOptions("crm", "CRM_PW", tmp.resolve("nope").toString(), "", 10, 10);
    InputException e = assertThrows(InputException.class, () -> missing.password(k -> null));
    assertEquals("input.jdbc.password-file: cannot read " + tmp.resolve("nope") + " (NoSuchFileException)",
        e.getMessage());
  }

  @Test
  void urlsAreRedactedBeforeTheyAreShown() {
    assertEquals("jdbc:postgresql://db:5432/crm?user=a&password=***&ssl=true",
        JdbcOptions.redact("jdbc:postgresql://db:5432/crm?user=a&password=hunter2&ssl=true"));
    assertEquals("jdbc:postgresql://crm:***@db/crm", JdbcOptions.redact("jdbc:postgresql://crm:hunter2@db/crm"));
    assertEquals("jdbc:postgresql://db/crm", JdbcOptions.redact("jdbc:postgresql://db/crm"));
  }

  @Test
  void identifiersAreQuoted() {
    assertEquals("\"Orders\"", TableReader.quoteSql("Orders"));
    assertEquals("\"a\"\"b\"", TableReader.quoteSql("a\"b"));
  }
}
