package io.laneagent.agent;

import io.laneagent.agent.config.AgentConfig;
import io.laneagent.agent.config.ConfigLoader;
import io.laneagent.instrumentation.api.LaneInstrumentation;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar lane-agent.jar [agent argument]}: what the agent would do in this environment — its
 * version, the configuration it would use (the argument given here stands for the {@code -javaagent}
 * argument; {@code -Dlane.*} and {@code LANE_*} are read as the agent reads them), every problem found, and
 * the instrumentations with the libraries each supports. Exit status 1 when a setting would not be used
 * as given (malformed, unknown, refused), else 0. Nothing is instrumented: no agent runs here.
 */
public final class SelfCheck {

  private SelfCheck() {}

  public static void main(String[] args) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println("usage: java [-Dlane.<key>=<value> ...] -jar lane-agent.jar [<key>=<value>,...]\n"
          + "Prints the configuration lane-agent would use here (agent argument, -Dlane.*, LANE_* environment\n"
          + "variables) with its problems, and the instrumentations; exit status 1 on a configuration error.");
      return;
    }
    System.exit(run(String.join(";", args), System.out));
  }

  /** Prints the report for agent argument {@code agentArgs}; returns the exit status. */
  static int run(String agentArgs, PrintStream out) {
    AgentConfig config = ConfigLoader.fromEnvironment(agentArgs.isEmpty() ? null : agentArgs).load();
    out.println("lane-agent " + AgentInstaller.version() + " self-check on Java " + System.getProperty("java.version")
        + " (" + System.getProperty("java.vendor") + ")");
    out.println();
    out.println("Configuration (agent argument, then -Dlane.*, then LANE_* environment variables, then the default):");
    for (Map.Entry<String, String[]> entry : config.effective().entrySet()) {
      out.println(String.format("  %-34s %-28s %s", entry.getKey(), entry.getValue()[0], entry.getValue()[1]));
    }
    out.println();
    out.println("Problems:");
    List<String> errors = config.errors();
    StringBuilder table = new StringBuilder();
    for (LaneInstrumentation module : InstallDescription.instrumentations()) {
      String reason = InstallDescription.offReason(config, module);
      table.append(String.format("  %-22s %-24s %s%n", module.name(), reason == null ? "on" : "off (" + reason + ")",
          module.supports()));
    }
    // isEnabled may have reported malformed instrumentation switches: the problem lists are live
    for (String problem : config.problems()) {
      out.println("  " + (errors.contains(problem) ? "ERROR " : "WARN  ") + problem);
    }
    if (config.problems().isEmpty()) {
      out.println("  (none)");
    }
    out.println();
    out.println("Instrumentations (lane.instrumentation.<name>.enabled):");
    out.print(table);
    out.println();
    int errorCount = config.errors().size();
    if (errorCount > 0) {
      out.println("Result: " + errorCount + " configuration error" + (errorCount == 1 ? "" : "s")
          + ": the agent would start, with the defaults where a setting is wrong. Exit status 1.");
      return 1;
    }
    out.println("Result: the configuration is valid" + (config.problems().isEmpty() ? "" : " (see the warnings)")
        + ". Exit status 0.");
    return 0;
  }
}
