package dev.scimbus.server.cli;

import picocli.CommandLine.Command;

/** The {@code scimbus} command and its subcommands. */
@Command(name = "scimbus", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "An event-driven SCIM 2.0 server.",
    subcommands = {ServeCommand.class, TokenCommand.class})
public final class ScimbusCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }
}
