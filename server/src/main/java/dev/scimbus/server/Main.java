package dev.scimbus.server;

import dev.scimbus.server.cli.ScimbusCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Entry point of {@code java -jar scimbus.jar}: the {@code scimbus} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Before the first logger exists: an operator's conf/logback.xml wins over the bundled one.
    if (System.getProperty("logback.configurationFile") == null && Files.isRegularFile(Path.of("conf/logback.xml"))) {
      System.setProperty("logback.configurationFile", "conf/logback.xml");
    }
    int code = new CommandLine(new ScimbusCommand()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
