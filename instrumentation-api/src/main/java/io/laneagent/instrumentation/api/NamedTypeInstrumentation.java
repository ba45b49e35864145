package io.laneagent.instrumentation.api;

import static net.bytebuddy.matcher.ElementMatchers.named;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** A {@link TypeInstrumentation} of exactly one class, named: the cheapest kind to match. */
public abstract class NamedTypeInstrumentation implements TypeInstrumentation {

  private final String typeName;
  private final boolean jdkType;
  private final String[] alsoRequired;
  private final String belowFloorWarning;
  private final String[] inUse;

  /** A library class: only class loaders that can see it are looked at. */
  protected NamedTypeInstrumentation(String typeName) {
    this(typeName, false);
  }

  /** {@code jdkType}: a JDK class, loaded by the bootstrap or platform loader, so any loader will do. */
  protected NamedTypeInstrumentation(String typeName, boolean jdkType) {
    this.typeName = typeName;
    this.jdkType = jdkType;
    this.alsoRequired = new String[0];
    this.belowFloorWarning = null;
    this.inUse = new String[0];
  }

  /**
   * A library class, instrumented only where the loader also has {@code alsoRequired}: classes that
   * appeared in the oldest library version the advice (or its helpers) works with. An older version
   * has the type but not the members the advice calls; it is skipped here, when classes are matched,
   * instead of failing with a {@code NoSuchMethodError} when the advice runs.
   */
  protected NamedTypeInstrumentation(String typeName, String... alsoRequired) {
    this(typeName, VersionFloor.requiring(alsoRequired));
  }

  /**
   * A library class, instrumented only where the loader also has the classes of {@code floor}; where it
   * has the type but not them (an older version), the floor's warning (if any) is logged once.
   */
  protected NamedTypeInstrumentation(String typeName, VersionFloor floor) {
    this.typeName = typeName;
    this.jdkType = false;
    this.alsoRequired = floor.requiredClasses();
    this.belowFloorWarning = floor.warning();
    this.inUse = floor.inUse();
  }

  /** Whether the named class is a JDK class (loaded by the bootstrap or platform loader). */
  public final boolean isJdkType() {
    return jdkType;
  }

  @Override
  public final String prefilterClassName() {
    return typeName.replace('.', '/');
  }

  @Override
  public final ElementMatcher<TypeDescription> typeMatcher() {
    return named(typeName);
  }

  @Override
  public final ElementMatcher<ClassLoader> classLoaderMatcher() {
    if (jdkType) {
      return Matchers.anyLoader();
    }
    if (belowFloorWarning != null) {
      return Matchers.atVersionFloor(typeName, alsoRequired, belowFloorWarning, inUse);
    }
    String[] classes = new String[alsoRequired.length + 1];
    classes[0] = typeName;
    System.arraycopy(alsoRequired, 0, classes, 1, alsoRequired.length);
    return Matchers.hasClasses(classes);
  }
}
