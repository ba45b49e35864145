package io.laneagent.instrumentation.kafka.isolation;

import io.laneagent.bootstrap.LaneSettings;
import io.laneagent.bootstrap.LaneValues;

/**
 * The names of lane groups: a consumer of group {@code g} in a pod whose own lane is {@code L} (not the
 * base lane) joins {@code g_L}; the base pods, in {@code g}, find the lanes from the broker's groups named
 * {@code g_<lane>}.
 */
public final class LaneGroups {

  private LaneGroups() {}

  /** The group a consumer configured with {@code group} joins in this pod: the lane group in a lane pod. */
  public static String groupFor(String group, LaneSettings settings) {
    if (group == null || group.isEmpty() || settings.isBasePod()) {
      return group;
    }
    return laneGroup(group, settings.local());
  }

  /** The group of {@code lane}'s consumers for base group {@code group}. */
  static String laneGroup(String group, String lane) {
    return group + "_" + lane;
  }

  /** The base group of {@code joined}, the lane group of {@code lane}; null when it is not one. */
  static String baseGroupOf(String joined, String lane) {
    String suffix = laneGroup("", lane);
    return joined.endsWith(suffix) ? joined.substring(0, joined.length() - suffix.length()) : null;
  }

  /** The lane whose group {@code candidate} is, for base group {@code group}; null for any other group. */
  public static String laneOf(String candidate, String group, String baseLane) {
    if (candidate == null || candidate.length() <= group.length() + 1 || !candidate.startsWith(group)
        || candidate.charAt(group.length()) != '_') {
      return null;
    }
    String lane = candidate.substring(group.length() + 1);
    return lane.equals(baseLane) || LaneValues.invalidReason(lane) != null ? null : lane;
  }
}
