package dev.scimbus.server.cli;

import dev.scimbus.server.ScimbusServer;
import dev.scimbus.server.config.ConfigException;
import dev.scimbus.server.config.ConfigLoader;
import dev.scimbus.server.config.ServerConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scimbus serve}: loads the configuration, starts a node and runs until SIGTERM/SIGINT,
 * then stops taking requests and closes the storage cleanly.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the SCIM server.")
public final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Configuration file (default: $SCIMBUS_CONFIG, else conf/scimbus.yaml if present).")
  Path configFile;

  @Override
  public Integer call() throws InterruptedException {
    ScimbusServer server;
    try {
      ServerConfig config = load(configFile);
      server = ScimbusServer.start(config).await();
    } catch (ConfigException e) {
      System.err.println("scimbus: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      LOG.error("scimbus could not start", e);
      System.err.println("scimbus: could not start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("scimbus shutting down");
      try {
        server.close().await();
      } catch (Exception e) {
        LOG.warn("error while shutting down", e);
      }
      stopped.countDown();
    }, "scimbus-shutdown"));
    stopped.await();
    return 0;
  }

  /** Reads the configuration with a short-lived Vert.x, before the server's own one exists. */
  static ServerConfig load(Path file) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      return ConfigLoader.load(vertx, file).await();
    } finally {
      vertx.close().await();
    }
  }
}
