package io.crmaffinity.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, driven through its own DevTools protocol (a WebSocket; no WebDriver, no test
 * dependency): opens a page, records every console error, uncaught exception, failed load and network request
 * it makes, evaluates script, clicks like a user and takes full-page screenshots.
 */
final class HeadlessChromium implements AutoCloseable {
  /** The flags a root user on this machine's closed network needs (see the README's Tests section). */
  static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--hide-scrollbars", "--remote-debugging-port=0");
  static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

  /** The browser: $CRM_CHROMIUM when set, else Debian's; a missing one fails the test, saying what to install. */
  static Path binary() {
    String env = System.getenv("CRM_CHROMIUM");
    List<String> candidates = env != null && !env.isBlank() ? List.of(env)
        : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    for (String candidate : candidates) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    throw new AssertionError("Chromium is not installed (looked for " + String.join(", ", candidates) + "), and the"
        + " report's browser test needs it: install it with `apt-get install -y chromium` (.ci/run does), or set"
        + " CRM_CHROMIUM to a Chromium or Chrome binary.");
  }

  static HeadlessChromium start(Path profile) throws IOException, InterruptedException {
    Files.createDirectories(profile);
    List<String> command = new ArrayList<>();
    command.add(binary().toString());
    command.addAll(FLAGS);
    command.add("--user-data-dir=" + profile);
    command.add("about:blank");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<String> url = new CompletableFuture<>();
    List<String> output = Collections.synchronizedList(new ArrayList<>());
    Thread drain = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            url.complete(m.group(1));
          } else if (!line.contains("dbus")) {
            output.add(line);
          }
        }
      } catch (IOException e) {
        // the browser ended
      }
      url.completeExceptionally(new IllegalStateException("Chromium ended before it listened: " + output));
    }, "chromium-output");
    drain.setDaemon(true);
    drain.start();
    String browser;
    try {
      browser = url.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      p.destroyForcibly();
      throw new AssertionError("Chromium did not start: " + e.getMessage() + " " + output, e);
    }
    // The page target Chromium opened (about:blank), from the DevTools HTTP endpoint beside the browser socket.
    URI list = URI.create(browser.replaceFirst("^ws://", "http://").replaceFirst("/devtools/.*$", "/json/list"));
    HttpClient http = HttpClient.newHttpClient();
    String pageSocket = null;
    for (int attempt = 0; attempt < 50 && pageSocket == null; attempt++) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString());
      for (JsonNode target : JSON.readTree(r.body())) {
        if ("page".equals(target.path("type").asText())) {
          pageSocket = target.path("webSocketDebuggerUrl").asText();
        }
      }
      if (pageSocket == null) {
        Thread.sleep(200);
      }
    }
    if (pageSocket == null) {
      p.destroyForcibly();
      throw new AssertionError("Chromium opened no page to drive");
    }
    return new HeadlessChromium(p, profile, http, URI.create(pageSocket));
  }

  private HeadlessChromium(Process process, Path profile, HttpClient http, URI page) {
    this.process = process;
    this.profile = profile;
    this.socket = http.newWebSocketBuilder().buildAsync(page, new Listener()).join();
    for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
      send(domain + ".enable", Map.of());
    }
    send("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1,
        "mobile", false));
  }

  /** Every console error, uncaught exception, failed load and network request since the browser started. */
  List<String> problems() {
    synchronized (problems) {
      return List.copyOf(problems);
    }
  }

  /** Opens a page and waits for its load event (its scripts have run). */
  void open(String url) {
    loaded = new CompletableFuture<>();
    JsonNode r = send("Page.navigate", Map.of("url", url));
    if (r.hasNonNull("errorText")) {
      throw new AssertionError("Cannot open " + url + ": " + r.get("errorText").asText());
    }
    loaded.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
  }

  /** The value of a script expression (JSON-like values only); a script error fails the test. */
  JsonNode eval(String expression) {
    JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
        "awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new AssertionError("Script failed: " + expression + "\n" + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** A user's click in the middle of the element the selector finds, after scrolling it into view. */
  void click(String selector) {
    JsonNode box = eval("(() => { const e = document.querySelector(" + JSON.valueToTree(selector) + ");"
        + " if (!e) return null; e.scrollIntoView({block: 'center', behavior: 'instant'}); const r = e.getBoundingClientRect();"
        + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
    if (box.isNull() || box.isMissingNode()) {
      throw new AssertionError("Nothing to click: " + selector);
    }
    double x = box.get("x").asDouble();
    double y = box.get("y").asDouble();
    for (String type : List.of("mousePressed", "mouseReleased")) {
      send("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
    }
  }

  /** Types text into the focused element, as a keyboard would. */
  void type(String text) {
    send("Input.insertText", Map.of("text", text));
  }

  /** A PNG of the whole page, 1280 px wide. */
  void screenshot(Path png) throws IOException {
    eval("(() => { if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0); })()");
    JsonNode metrics = send("Page.getLayoutMetrics", Map.of());
    double height = metrics.path("cssContentSize").path("height").asDouble();
    JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
        "clip", Map.of("x", 0, "y", 0, "width", 1280, "height", Math.ceil(height), "scale", 1)));
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.write(png, Base64.getDecoder().decode(shot.get("data").asText()));
  }

  private JsonNode send(String method, Map<String, ?> params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", JSON.valueToTree(params));
    socket.sendText(message.toString(), true).join();
    JsonNode r = reply.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    if (r.has("error")) {
      throw new AssertionError(method + " failed: " + r.get("error"));
    }
    return r.path("result");
  }

  private void event(String method, JsonNode params) {
    switch (method) {
      case "Page.loadEventFired" -> loaded.complete(null);
      case "Runtime.exceptionThrown" -> {
        JsonNode d = params.path("exceptionDetails");
        problems.add("uncaught exception: " + d.path("text").asText() + " "
            + d.path("exception").path("description").asText() + " at line " + d.path("lineNumber").asText());
      }
      case "Runtime.consoleAPICalled" -> {
        String type = params.path("type").asText();
        if (type.equals("error") || type.equals("assert") || type.equals("warning")) {
          List<String> args = new ArrayList<>();
          params.path("args").forEach(a -> args.add(a.has("value") ? a.get("value").asText()
              : a.path("description").asText()));
          problems.add("console." + type + ": " + String.join(" ", args));
        }
      }
      case "Log.entryAdded" -> {
        JsonNode e = params.path("entry");
        if (e.path("level").asText().equals("error") || e.path("level").asText().equals("warning")) {
          problems.add("browser " + e.path("level").asText() + ": " + e.path("text").asText() + " "
              + e.path("url").asText());
        }
      }
      case "Network.requestWillBeSent" -> {
        String url = params.path("request").path("url").asText();
        if (!(url.startsWith("file:") || url.startsWith("data:") || url.startsWith("about:")
            || url.startsWith("blob:"))) {
          problems.add("network request (the page must be self-contained): " + url);
        }
      }
      default -> { }
    }
  }

  /** Assembles text frames into messages: replies complete their command, the rest are events. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder buffer = new StringBuilder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        String text = buffer.toString();
        buffer.setLength(0);
        try {
          JsonNode m = JSON.readTree(text);
          if (m.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(m.get("id").asInt());
            if (reply != null) {
              reply.complete(m);
            }
          } else {
            event(m.path("method").asText(), m.path("params"));
          }
        } catch (IOException e) {
          failure.set(e);
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      pending.values().forEach(f -> f.completeExceptionally(error));
    }
  }

  @Override
  public void close() throws IOException {
    socket.abort();
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
