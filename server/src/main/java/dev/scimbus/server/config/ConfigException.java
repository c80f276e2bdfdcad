package dev.scimbus.server.config;

/**
 * A configuration value the server cannot start with. The message names the key, the bad value,
 * what is allowed and where the value came from, so an operator can fix it without reading code.
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
