package dev.scimbus.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into {@code scimbus-version.properties} at build time. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/scimbus-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    return new String[] {"scimbus " + p.getProperty("version", "unknown"),
        "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name")};
  }
}
