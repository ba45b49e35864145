package io.laneagent.instrumentation.http.jdkhttpclient;

/** The running JDK's feature version (8 for "1.8"), without Java 9's {@code Runtime.version()}. */
final class JavaVersion {

  private JavaVersion() {}

  static int feature() {
    String spec = System.getProperty("java.specification.version", "1.8");
    try {
      return spec.startsWith("1.") ? Integer.parseInt(spec.substring(2)) : Integer.parseInt(spec);
    } catch (NumberFormatException e) {
      return 8;
    }
  }
}
