package io.laneagent.bootstrap;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The settings advice needs at run time, fixed once at start-up (see the agent's config loader for
 * where they come from). Immutable; {@link #current()} is a volatile read.
 */
public final class LaneSettings {

  /** Longest lane value accepted from the outside. */
  public static final int MAX_VALUE_LENGTH = 128;

  public static final String DEFAULT_HEADER = "env";

  private static volatile LaneSettings current = builder().build();

  private final String[] headers;
  private final String local;
  private final Set<String> allowed;
  private final boolean debug;
  private final boolean trustInbound;
  private final Lanes localLanes;

  private LaneSettings(Builder builder) {
    this.headers = builder.headers.clone();
    this.local = builder.local;
    this.allowed = builder.allowed == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(builder.allowed));
    this.debug = builder.debug;
    this.trustInbound = builder.trustInbound;
    this.localLanes = local == null ? Lanes.EMPTY : Lanes.of(local);
  }

  public static LaneSettings current() {
    return current;
  }

  /** Called once by the agent at start-up (and by tests). */
  public static void install(LaneSettings settings) {
    current = settings;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Header names to carry, lower case, the lane header first. Do not modify the array. */
  public String[] headers() {
    return headers;
  }


  /** This pod's own lane ({@code lane.local}), or null. */
  public String local() {
    return local;
  }

  /**
   * The own lane as {@link Lanes}: {@code lane.local} is the value of the first configured header
   * (the lane header); further headers (a user id, say) have no own value.
   */
  public Lanes localLanes() {
    return localLanes;
  }

  /** The allow-list of lane values, or null when any valid value is allowed. */
  public Set<String> allowed() {
    return allowed;
  }

  public boolean debug() {
    return debug;
  }

  /**
   * {@code lane.trust-inbound}: false at the edge, where requests come from outside clients whose lane
   * headers must not choose where traffic goes. Such requests then run with the own lane.
   */
  public boolean trustInbound() {
    return trustInbound;
  }

  @Override
  public String toString() {
    return "headers=" + Arrays.toString(headers) + ", local=" + (local == null ? "(unset)" : local)
        + ", allowed=" + (allowed == null ? "(any)" : allowed) + (trustInbound ? "" : ", trust-inbound=false") + (debug ? ", debug=true" : "");
  }

  public static final class Builder {
    private String[] headers = {DEFAULT_HEADER};
    private String local;
    private Set<String> allowed;
    private boolean debug;
    private boolean trustInbound = true;

    private Builder() {}

    public Builder headers(String... names) {
      if (names.length == 0) {
        throw new IllegalArgumentException("at least one header is needed");
      }
      String[] lower = new String[names.length];
      for (int i = 0; i < names.length; i++) {
        lower[i] = names[i].toLowerCase(Locale.ROOT);
      }
      this.headers = lower;
      return this;
    }

    public Builder local(String local) {
      this.local = local;
      return this;
    }

    public Builder allowed(Set<String> allowed) {
      this.allowed = allowed;
      return this;
    }

    public Builder debug(boolean debug) {
      this.debug = debug;
      return this;
    }

    public Builder trustInbound(boolean trustInbound) {
      this.trustInbound = trustInbound;
      return this;
    }

    public LaneSettings build() {
      return new LaneSettings(this);
    }
  }
}
