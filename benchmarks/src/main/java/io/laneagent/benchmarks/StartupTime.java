package io.laneagent.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up of the sample service: Spring Boot's own "Started … (process running for N)" — JVM start
 * to application ready, premain included — and the CPU time the process had used by then (Linux
 * {@code /proc}). The setups alternate, round after round, and each reports its median: on a small
 * machine one run varies by ±0.5 s, and a batch of runs drifts, so only alternation and medians
 * compare.
 *
 * <p>Arguments: sample jar, rounds, then setups as {@code label=agent options} ({@code label=none}
 * for none).
 */
public final class StartupTime {

  private static final Pattern STARTED = Pattern.compile("Started \\S+ in [0-9.]+ seconds \\(process running for ([0-9.]+)\\)");

  private StartupTime() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int rounds = Integer.parseInt(args[1]);
    Map<String, String> setups = new LinkedHashMap<>();
    for (String setup : Arrays.copyOfRange(args, 2, args.length)) {
      int eq = setup.indexOf('=');
      setups.put(setup.substring(0, eq), setup.substring(eq + 1));
    }
    Map<String, List<Double>> wall = new LinkedHashMap<>();
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    for (int round = 1; round <= rounds; round++) {
      for (Map.Entry<String, String> setup : setups.entrySet()) {
        double[] measured = once(jar, setup.getValue());
        System.out.printf("round %d %s: started %.2f s, cpu %.2f s%n", round, setup.getKey(), measured[0], measured[1]);
        wall.computeIfAbsent(setup.getKey(), k -> new ArrayList<>()).add(measured[0]);
        cpu.computeIfAbsent(setup.getKey(), k -> new ArrayList<>()).add(measured[1]);
      }
    }
    for (String label : setups.keySet()) {
      System.out.printf("RESULT setup=%s startup_s=%.3f cpu_s=%.3f runs=%d%n", label, median(wall.get(label)),
          median(cpu.get(label)), rounds);
    }
  }

  /** Seconds from JVM start to ready, and CPU seconds used by then. */
  private static double[] once(Path jar, String agent) throws Exception {
    Path[] log = new Path[1];
    Process process = SampleService.start(jar, agent, "startup", ChainLoad.freePorts(1)[0], log, "--next=false");
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline) {
        Matcher matcher = STARTED.matcher(new String(Files.readAllBytes(log[0]), StandardCharsets.UTF_8));
        if (matcher.find()) {
          double cpuSeconds = cpuSeconds(process.pid());
          return new double[] {Double.parseDouble(matcher.group(1)), cpuSeconds};
        }
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(20); // polling the log of another process
      }
      throw new IllegalStateException("the sample service did not start; see " + log[0]);
    } finally {
      process.destroy();
      process.waitFor();
      Files.deleteIfExists(log[0]);
    }
  }

  /** utime + stime of the process, from /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s). */
  private static double cpuSeconds(long pid) throws IOException {
    Path stat = Path.of("/proc", String.valueOf(pid), "stat");
    if (!Files.exists(stat)) {
      return Double.NaN;
    }
    String text = new String(Files.readAllBytes(stat), StandardCharsets.US_ASCII);
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    // fields[0] is field 3 (state): utime is field 14, stime 15
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
