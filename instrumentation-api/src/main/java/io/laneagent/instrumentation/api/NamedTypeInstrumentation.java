package io.laneagent.instrumentation.api;

import static net.bytebuddy.matcher.ElementMatchers.named;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** A {@link TypeInstrumentation} of exactly one class, named: the cheapest kind to match. */
public abstract class NamedTypeInstrumentation implements TypeInstrumentation {

  private final String typeName;
  private final boolean jdkType;

  /** A library class: only class loaders that can see it are looked at. */
  protected NamedTypeInstrumentation(String typeName) {
    this(typeName, false);
  }

  /** {@code jdkType}: a JDK class, loaded by the bootstrap or platform loader, so any loader will do. */
  protected NamedTypeInstrumentation(String typeName, boolean jdkType) {
    this.typeName = typeName;
    this.jdkType = jdkType;
  }

  @Override
  public final ElementMatcher<TypeDescription> typeMatcher() {
    return named(typeName);
  }

  @Override
  public final ElementMatcher<ClassLoader> classLoaderMatcher() {
    return jdkType ? Matchers.anyLoader() : Matchers.hasClasses(typeName);
  }
}
