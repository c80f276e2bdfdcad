package dev.scimbus.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * A Redis for the events tests on a free port, from the embedded-redis binaries, that a test can
 * stop and start again on the same port (as an operator restarting Redis would).
 */
public final class TestRedis implements AutoCloseable {
  private final int port;
  private RedisServer server;

  public TestRedis() {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    start();
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  public void start() {
    try {
      server = RedisServer.newRedisServer().bind("127.0.0.1").port(port).setting("save \"\"")
          .setting("appendonly no").build();
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (server != null && server.isActive()) {
      stop();
    }
  }
}
