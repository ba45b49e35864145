package io.laneagent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code 127.0.0.1}, made with the JDK's keytool for one test class: a
 * key store for the HTTPS {@link Downstream}, and a trust store the apps get as
 * {@code javax.net.ssl.trustStore}, which every client they use (the JDK's, OkHttp, Apache) trusts by
 * default.
 */
final class TestCertificate {

  private static final String PASSWORD = "lane-agent-test";

  private final Path keyStore;
  private final Path trustStore;

  private TestCertificate(Path keyStore, Path trustStore) {
    this.keyStore = keyStore;
    this.trustStore = trustStore;
  }

  static TestCertificate create() {
    try {
      Path dir = Files.createTempDirectory("lane-test-tls");
      Path keyStore = dir.resolve("downstream.p12");
      Path certificate = dir.resolve("downstream.cer");
      Path trustStore = dir.resolve("trust.p12");
      keytool("-genkeypair", "-alias", "downstream", "-keyalg", "EC", "-groupname", "secp256r1",
          "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
          "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD);
      keytool("-exportcert", "-alias", "downstream", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
          "-file", certificate.toString());
      keytool("-importcert", "-noprompt", "-alias", "downstream", "-file", certificate.toString(),
          "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", PASSWORD);
      return new TestCertificate(keyStore, trustStore);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The system properties that make an app's clients trust this certificate. */
  Map<String, String> trustStoreProperties() {
    return Map.of("javax.net.ssl.trustStore", trustStore.toString(), "javax.net.ssl.trustStorePassword", PASSWORD,
        "javax.net.ssl.trustStoreType", "PKCS12");
  }

  /** The server side: an SSL context with the certificate's key. */
  SSLContext serverContext() {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException("could not load the test key store", e);
    }
  }

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
