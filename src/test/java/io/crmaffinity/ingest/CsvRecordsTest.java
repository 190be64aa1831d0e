package io.crmaffinity.ingest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

  private static boolean oneStream(String csv) throws IOException {
    return CsvRecords.needOneStream(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void oneLinePerRecord() throws IOException {
    assertFalse(oneStream(""));
    assertFalse(oneStream("a,b\n1,2\n3,4"));
    assertFalse(oneStream("a,b\r\n1,2\r\n"));
    assertFalse(oneStream("a,b\r1,2\r"));
    // Quoted fields with commas, doubled quotes, an empty quoted field, non-ASCII text.
    assertFalse(oneStream("id,name\n1,\"Mug, blue\"\n2,\"The \"\"Best\"\" Mug\"\n3,\"\"\n4,\"Übergröße\"\n"));
    // A quote inside an unquoted field is a character like any other; so is a quote after a leading blank.
    assertFalse(oneStream("id,name\n1,5\" pipe\n2, \"x\n"));
    // An unterminated quote on the last line, without a line break after it.
    assertFalse(oneStream("id,name\n1,\"open"));
  }

  @Test
  void aQuotedLineBreakSpansLines() throws IOException {
    assertTrue(oneStream("id,note\n1,\"two\nlines\"\n"));
    assertTrue(oneStream("id,note\r\n1,\"two\r\nlines\"\r\n"));
    assertTrue(oneStream("id,note\r1,\"two\rlines\"\r"));
    // A doubled quote right before the line break: still inside the field.
    assertTrue(oneStream("id,note\n1,\"say \"\"\nhi\"\"\"\n"));
    // Counting quotes per line would miss this: the first field's quote is literal, the second field is quoted.
    assertTrue(oneStream("id,note\n5\"pipe,\"two\nlines\"\n"));
    // The header's own first field, after a byte order mark.
    assertTrue(oneStream("\uFEFF\"i\nd\",note\n1,2\n"));
  }

  @Test
  void aLineTheLineReaderWouldDropNeedsTheStream() throws IOException {
    // Empty LF lines are skipped by both readers; CR-only files likewise.
    assertFalse(oneStream("a,b\n\n1,2\n\n"));
    assertFalse(oneStream("a,b\r\r1,2\r"));
    // A line of blanks is a (malformed) record to the stream reader and nothing to the line reader.
    assertTrue(oneStream("a,b\n   \n1,2\n"));
    assertTrue(oneStream("a,b\n1,2\n\t"));
    assertTrue(oneStream("a,b\r\n \r\n1,2\r\n"));
    // An empty line of a CRLF file is a lone CR to the line reader.
    assertTrue(oneStream("a,b\r\n\r\n1,2\r\n"));
    // So is a line starting with NUL (the line reader's comment character when none is set).
    assertTrue(oneStream("a,b\n\u0000x,2\n"));
    // Blanks inside a line, or in a quoted field, are values.
    assertFalse(oneStream("a,b\n , \n\"   \",1\n"));
  }

  @Test
  void anOddQuoteKeepsTheFieldOpen() throws IOException {
    // A stray quote in a quoted field (neither doubled nor closing): a later line break counts as inside.
    assertTrue(oneStream("id,note\n1,\"ab\"c\nd\"\n"));
    // Closed by a quote and a comma: the next line is a record of its own.
    assertFalse(oneStream("id,note\n1,\"ab\",c\n2,d\n"));
  }

  @Test
  void aLineBreakFarIntoTheFileIsFound() throws IOException {
    StringBuilder csv = new StringBuilder("id,note\n");
    for (int i = 0; csv.length() < 300_000; i++) {
      csv.append(i).append(",\"note ").append(i).append("\"\n");
    }
    assertFalse(oneStream(csv.toString()));
    assertTrue(oneStream(csv + "x,\"last\nnote\"\n"));
  }
}
