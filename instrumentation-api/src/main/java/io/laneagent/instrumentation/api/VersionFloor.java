package io.laneagent.instrumentation.api;

/**
 * The oldest version of a library an instrumentation supports, told by classes that first appeared in
 * it (the members the advice calls came with them), and what to tell a user whose version is older.
 * An application on an older version has the instrumented type but not these classes: the type is
 * left alone, and — when {@link #warning} is given — the agent says so once per class loader, so that
 * an unsupported version is visible at start-up rather than silently without lanes.
 */
public final class VersionFloor {

  private final String[] requiredClasses;
  private final String warning;
  private final String[] inUse;

  private VersionFloor(String[] requiredClasses, String warning, String[] inUse) {
    this.requiredClasses = requiredClasses;
    this.warning = warning;
    this.inUse = inUse;
  }

  /** {@code requiredClasses} must be visible; an older version is skipped without a word. */
  public static VersionFloor requiring(String... requiredClasses) {
    return new VersionFloor(requiredClasses.clone(), null, new String[0]);
  }

  /** The same floor, with {@code message} logged once (WARN) for each class loader that is below it. */
  public VersionFloor warnBelow(String message) {
    return new VersionFloor(requiredClasses, message, inUse);
  }

  /**
   * Warn only where these classes are visible too: the library is really in use (a jar that only
   * happens to be on the class path, without what it runs on, is not worth a warning).
   */
  public VersionFloor whenPresent(String... classes) {
    return new VersionFloor(requiredClasses, warning, classes.clone());
  }

  String[] inUse() {
    return inUse.clone();
  }

  String[] requiredClasses() {
    return requiredClasses.clone();
  }

  /** The warning for a version below the floor, or null to stay silent. */
  String warning() {
    return warning;
  }
}
