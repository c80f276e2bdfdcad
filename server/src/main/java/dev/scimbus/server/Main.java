package dev.scimbus.server;

/** Placeholder entry point until the command line lands. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.err.println("scimbus: the command line is not built yet");
    System.exit(2);
  }
}
