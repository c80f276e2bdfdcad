package dev.scimbus.server.auth;

import dev.scimbus.server.config.ConfigException;
import dev.scimbus.server.config.ServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Decides the tokens a server accepts. Configured tokens ({@code auth.tokens}) are hashed and used
 * as they are. With none configured, the server uses the token of tenant {@code default} whose
 * hash is stored in {@code <dataDir>/tokens}; on the very first start it creates that token,
 * prints it once to stdout, and stores only its hash.
 */
public final class TokenBootstrap {
  public static final String DEFAULT_TENANT = "default";
  public static final String FILE_NAME = "tokens";

  private TokenBootstrap() {}

  /** Runs at startup, before any event loop exists, so blocking file I/O is fine here. */
  public static TokenRegistry resolve(ServerConfig config, PrintStream out) {
    Map<TokenHash, String> hashes = new LinkedHashMap<>();
    if (!config.tokens().isEmpty()) {
      return TokenRegistry.of(config.tokens());
    }
    Path file = config.dataDir().resolve(FILE_NAME);
    try {
      if (Files.isRegularFile(file)) {
        return TokenRegistry.ofHashes(read(file));
      }
      String token = TokenHash.newToken();
      hashes.put(TokenHash.of(token), DEFAULT_TENANT);
      write(file, hashes);
      out.println("scimbus: created API token for tenant '" + DEFAULT_TENANT + "': " + token);
      out.println("scimbus: this is the only time it is shown; only its SHA-256 hash is stored in "
          + file.toAbsolutePath().normalize() + " (delete that file to get a new token, or set auth.tokens / SCIMBUS_AUTH_TOKENS)");
      out.flush();
      return TokenRegistry.ofHashes(hashes);
    } catch (IOException e) {
      throw new ConfigException("cannot read or create the token file " + file.toAbsolutePath()
          + " (dataDir must be a writable folder): " + e.getMessage());
    }
  }

  private static Map<TokenHash, String> read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<TokenHash, String> out = new LinkedHashMap<>();
    for (String tenant : p.stringPropertyNames()) {
      String value = p.getProperty(tenant).trim();
      try {
        out.put(new TokenHash(value.startsWith("sha256:") ? value.substring(7) : value), tenant);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("token file " + file.toAbsolutePath() + ": the entry for tenant '" + tenant
            + "' is not 'sha256:<64 hex digits>'");
      }
    }
    if (out.isEmpty()) {
      throw new ConfigException("token file " + file.toAbsolutePath() + " holds no token hash; delete it to create a new token");
    }
    return out;
  }

  private static void write(Path file, Map<TokenHash, String> hashes) throws IOException {
    Files.createDirectories(file.getParent() == null ? Path.of(".") : file.getParent());
    Properties p = new Properties();
    hashes.forEach((h, t) -> p.setProperty(t, h.toString()));
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(w, "scimbus API token hashes (tenant=sha256:hex). The tokens themselves are not stored.");
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
