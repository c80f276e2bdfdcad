package dev.scimbus.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user of a persistent backend counts on: every write the server acknowledged survives a
 * {@code kill -9} of the server process in the middle of a write burst, and the change log still
 * holds one event per committed write with no gap in the sequence. The server runs as a child
 * JVM ({@code scimbus serve}, the same main class as the fat jar) so that the kill is real.
 */
abstract class CrashRecoveryContract {
  private static final String TOKEN = "crash-token";

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process server;
  private int port;
  private String storage;

  /** The storage URI both runs of the server use. */
  protected abstract String storageUri(Path dir);

  /** Extra environment for the child, e.g. a PostgreSQL tenancy mode. */
  protected Map<String, String> environment() {
    return Map.of();
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  @Test
  void acknowledgedWritesSurviveKillNine() throws Exception {
    port = freePort();
    storage = storageUri(dir);
    server = startServer("first");
    Set<String> acknowledged = writeBurstAndKill();
    assertThat(acknowledged).as("writes acknowledged before the kill").hasSizeGreaterThan(20);

    server = startServer("second");
    for (String id : acknowledged) {
      HttpResponse<String> r = send(HttpRequest.newBuilder(url("/Users/" + id)).GET());
      assertThat(r.statusCode()).as("GET /Users/%s after the restart", id).isEqualTo(200);
    }
    // Writes committed but not yet acknowledged when the process died may exist too: every
    // stored user must still have exactly one create event, numbered without gaps.
    HttpResponse<String> list = send(HttpRequest.newBuilder(url("/Users?count=0")).GET());
    long total = new JsonObject(list.body()).getLong("totalResults");
    assertThat(total).as("users stored").isGreaterThanOrEqualTo(acknowledged.size());
    List<JsonObject> events = replayEvents(acknowledged, total);
    assertThat(events).as("one create event per stored user").hasSize((int) total);
    List<Long> sequences = events.stream().map(e -> e.getLong("seq")).toList();
    for (int i = 0; i < sequences.size(); i++) {
      assertThat(sequences.get(i)).as("change sequence without gaps").isEqualTo(i + 1L);
    }
    Set<String> created = new HashSet<>();
    events.forEach(e -> created.add(e.getString("id")));
    assertThat(created).as("a change event for every acknowledged create").containsAll(acknowledged);
  }

  /** Eight writers create users until the process is killed; returns the ids answered 201. */
  private Set<String> writeBurstAndKill() throws Exception {
    Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    AtomicBoolean killed = new AtomicBoolean();
    AtomicInteger counter = new AtomicInteger();
    ExecutorService writers = Executors.newFixedThreadPool(8);
    for (int w = 0; w < 8; w++) {
      writers.submit(() -> {
        while (!killed.get()) {
          String userName = "crash-" + counter.incrementAndGet();
          String body = new JsonObject()
              .put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"))
              .put("userName", userName).put("active", true).encode();
          try {
            HttpResponse<String> r = send(HttpRequest.newBuilder(url("/Users"))
                .header("Content-Type", "application/scim+json").POST(HttpRequest.BodyPublishers.ofString(body)));
            if (r.statusCode() == 201) {
              acknowledged.add(new JsonObject(r.body()).getString("id"));
            } else if (!killed.get()) {
              unexpected.add(new AssertionError("POST answered " + r.statusCode() + ": " + r.body()));
            }
          } catch (IOException e) {
            if (!killed.get()) {
              unexpected.add(e);
            }
          }
        }
        return null;
      });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (acknowledged.size() < 300 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    // SIGKILL while the writers are still sending: no shutdown hook, no flush, no clean close.
    killed.set(true);
    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    writers.shutdown();
    writers.awaitTermination(20, TimeUnit.SECONDS);
    assertThat(unexpected).as("failures before the kill").isEmpty();
    return Set.copyOf(acknowledged);
  }

  /** Replays the change log from the start over SSE until {@code total} events arrived. */
  private List<JsonObject> replayEvents(Set<String> acknowledged, long total) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(url("/Events?lastEventId=0"))
        .header("Authorization", "Bearer " + TOKEN).header("Accept", "text/event-stream")
        .timeout(Duration.ofSeconds(30)).GET().build();
    HttpResponse<Stream<String>> r = http.send(req, HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    List<JsonObject> events = new ArrayList<>();
    Set<String> missing = new HashSet<>(acknowledged);
    long seq = -1;
    var lines = r.body().iterator();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while ((events.size() < total || !missing.isEmpty()) && System.nanoTime() < deadline && lines.hasNext()) {
      String line = lines.next();
      if (line.startsWith("id:")) {
        seq = Long.parseLong(line.substring(3).trim());
      } else if (line.startsWith("data:")) {
        JsonObject event = new JsonObject(line.substring(5).trim());
        String uri = event.getJsonObject("sub_id").getString("uri");
        String id = uri.substring(uri.lastIndexOf('/') + 1);
        events.add(new JsonObject().put("seq", seq).put("id", id));
        missing.remove(id);
      }
    }
    r.body().close();
    assertThat(missing).as("acknowledged creates missing from the change log").isEmpty();
    return events;
  }

  private Process startServer(String label) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.scimbus.server.Main", "serve")
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("server-" + label + ".log").toFile());
    Map<String, String> env = pb.environment();
    env.put("SCIMBUS_HTTP_PORT", Integer.toString(port));
    env.put("SCIMBUS_HTTP_INSTANCES", "2");
    env.put("SCIMBUS_STORAGE", storage);
    env.put("SCIMBUS_DATA_DIR", dir.resolve("data").toString());
    env.put("SCIMBUS_AUTH_TOKENS", "crash=" + TOKEN);
    env.putAll(environment());
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError("server exited with " + p.exitValue() + ":\n"
            + Files.readString(dir.resolve("server-" + label + ".log")));
      }
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return p;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new AssertionError("server did not become healthy:\n" + Files.readString(dir.resolve("server-" + label + ".log")));
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
    return http.send(b.header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + "/scim/v2" + path);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
