package org.uniconbench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's Chromium, headless, driven over the Chrome DevTools Protocol with the JDK's WebSocket
 * client: opens a page, records console errors, exceptions and every network request, evaluates
 * JavaScript and takes a full-page screenshot.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> consoleErrors = Collections.synchronizedList(new ArrayList<>());
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile CountDownLatch loaded = new CountDownLatch(1);

    HeadlessChromium() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " not found: install Debian's chromium "
                    + "(./scripts/test does: apt-get install chromium)");
        }
        profile = Files.createTempDirectory("unicon-chromium");
        process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1280,900",
                "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        Path portFile = profile.resolve("DevToolsActivePort");
        for (int i = 0; i < 300 && !Files.exists(portFile); i++) {
            Thread.sleep(100);
        }
        List<String> lines = Files.readAllLines(portFile);
        String base = "http://127.0.0.1:" + lines.get(0).trim();
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String pageSocket = null;
        for (JsonNode t : targets) {
            if ("page".equals(t.get("type").asText())) {
                pageSocket = t.get("webSocketDebuggerUrl").asText();
            }
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new Listener()).join();
        call("Page.enable", json.createObjectNode());
        call("Runtime.enable", json.createObjectNode());
        call("Log.enable", json.createObjectNode());
        call("Network.enable", json.createObjectNode());
    }

    /** Navigates and waits for the load event. */
    void open(Path file) throws InterruptedException {
        loaded = new CountDownLatch(1);
        ObjectNode params = json.createObjectNode().put("url", file.toUri().toString());
        call("Page.navigate", params);
        if (!loaded.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("page did not finish loading: " + file);
        }
    }

    /** Evaluates a JavaScript expression and returns its value. */
    JsonNode evaluate(String expression) {
        ObjectNode params = json.createObjectNode().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true);
        return call("Runtime.evaluate", params).path("result").path("value");
    }

    /** Writes a PNG of the whole page. */
    void screenshot(Path file) throws IOException {
        ObjectNode params = json.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        String data = call("Page.captureScreenshot", params).get("data").asText();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(data));
    }

    /** Console errors, uncaught exceptions and error log entries (CSP violations among them). */
    List<String> consoleErrors() {
        return List.copyOf(consoleErrors);
    }

    /** URLs of every request the page made. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private JsonNode call(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        pending.put(id, result);
        ObjectNode message = json.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(message.toString(), true).join();
        JsonNode reply = result.orTimeout(60, TimeUnit.SECONDS).join();
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    private void onMessage(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(message.get("id").asInt());
            if (f != null) {
                f.complete(message);
            }
            return;
        }
        String method = message.path("method").asText();
        JsonNode p = message.path("params");
        switch (method) {
            case "Page.loadEventFired" -> loaded.countDown();
            case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
            case "Runtime.exceptionThrown" -> consoleErrors.add("exception: " + p.path("exceptionDetails"));
            case "Runtime.consoleAPICalled" -> {
                if ("error".equals(p.path("type").asText())) {
                    consoleErrors.add("console.error: " + p.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                if ("error".equals(p.path("entry").path("level").asText())) {
                    consoleErrors.add("log: " + p.path("entry").path("text").asText());
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }

    /** Reassembles fragmented text frames into whole CDP messages. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                try {
                    onMessage(json.readTree(buffer.toString()));
                } catch (IOException e) {
                    consoleErrors.add("unparsable DevTools message: " + e.getMessage());
                }
                buffer.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

}
