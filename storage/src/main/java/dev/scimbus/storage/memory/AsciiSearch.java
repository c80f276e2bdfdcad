package dev.scimbus.storage.memory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** ASCII-only, letter-case-insensitive substring search over encoded JSON. */
final class AsciiSearch {
  private AsciiSearch() {}

  /** Printable ASCII without the characters JSON escapes ({@code "} and {@code \}); not empty. */
  static boolean isPlain(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  static byte[] lower(String plain) {
    return plain.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
  }

  static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  static boolean containsAll(byte[] haystack, List<byte[]> lowerNeedles) {
    for (byte[] needle : lowerNeedles) {
      if (!contains(haystack, needle)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code lowerNeedle} (lower case) occurs in {@code haystack} in any letter case. */
  static boolean contains(byte[] haystack, byte[] lowerNeedle) {
    int n = lowerNeedle.length;
    byte first = lowerNeedle[0];
    for (int i = 0, last = haystack.length - n; i <= last; i++) {
      if (lower(haystack[i]) != first) {
        continue;
      }
      int j = 1;
      while (j < n && lower(haystack[i + j]) == lowerNeedle[j]) {
        j++;
      }
      if (j == n) {
        return true;
      }
    }
    return false;
  }

  private static byte lower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
  }
}
