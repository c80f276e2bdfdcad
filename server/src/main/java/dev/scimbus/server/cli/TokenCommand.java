package dev.scimbus.server.cli;

import dev.scimbus.server.auth.TokenHash;
import dev.scimbus.server.config.ConfigParser;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scimbus token --tenant T}: prints a new random token and the configuration line that
 * grants it to tenant T. Nothing is stored; the operator adds the line to the configuration.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Create a new API token for a tenant and print the configuration line for it.")
public final class TokenCommand implements Callable<Integer> {
  @Option(names = {"-t", "--tenant"}, required = true, paramLabel = "TENANT", description = "The tenant the token opens.")
  String tenant;

  @Override
  public Integer call() {
    if (!ConfigParser.isValidTenant(tenant)) {
      System.err.println("scimbus: tenant must be 1..64 of A-Z a-z 0-9 . _ -, starting with a letter or digit, got '"
          + tenant + "'");
      return 2;
    }
    String token = TokenHash.newToken();
    System.out.println(token);
    System.out.println();
    System.out.println("Grant it by adding it to the configuration (keep existing entries, separated by commas):");
    System.out.println("  environment:       SCIMBUS_AUTH_TOKENS=" + tenant + "=" + token);
    System.out.println("  conf/scimbus.yaml: auth: { tokens: { " + tenant + ": \"" + token + "\" } }");
    System.out.println("Clients send it as 'Authorization: Bearer " + token + "'.");
    return 0;
  }
}
