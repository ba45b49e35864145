package io.laneagent.agent;

import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.hasDescriptor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isTypeInitializer;
import static net.bytebuddy.matcher.ElementMatchers.none;

import io.laneagent.bootstrap.LaneLog;
import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.LaneInstrumentation;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.VisibilityBridgeStrategy;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** How the agent uses Byte Buddy: one builder, advice only, no class-format changes. */
final class AgentBuilders {

  /**
   * How Byte Buddy reads the class files of the loader at hand: through a weak reference to the loader, because
   * the parsed types are kept per class loader ({@link LoadedTypeFallbackPool}) and each holds its pool and so
   * this locator — a strong reference would keep every class loader the agent ever described a type of (an
   * undeployed web application). {@code LoadedTypeFallbackPoolTest} proves a dropped loader goes.
   */
  static final AgentBuilder.LocationStrategy LOCATION_STRATEGY = AgentBuilder.LocationStrategy.ForClassLoader.WEAK;

  private AgentBuilders() {}

  /** Byte Buddy's ignore matcher: {@link IgnoredClasses}. */
  private static ElementMatcher.Junction<TypeDescription> ignored() {
    ElementMatcher.Junction<TypeDescription> ignored = none();
    for (String prefix : IgnoredClasses.PREFIXES) {
      ignored = ignored.or(nameStartsWith(prefix));
    }
    for (String infix : IgnoredClasses.INFIXES) {
      ignored = ignored.or(nameContains(infix));
    }
    return ignored;
  }

  static AgentBuilder base(InstallPhaseDescriptionStrategy descriptionStrategy, InstallPassDiscovery installPass,
      AdvisedClasses advised, RetransformationFailures retransformationFailures) {
    // Byte Buddy's default initialisation strategy (self-injection through its "Nexus") is replaced by
    // disableClassFormatChanges() below, but the constructor sets it up anyway: class injection by
    // reflection and sun.misc.Unsafe — JDK 24+ then warns on stderr about Unsafe, and it costs start-up
    // time. This property (relocated with Byte Buddy into our own namespace, so the application's Byte
    // Buddy is unaffected) makes the Nexus say "unavailable" without touching either.
    System.setProperty("net.bytebuddy.nexus.disabled", "true");
    return new AgentBuilder.Default(new ByteBuddy()
            // Advice is woven into the methods a class declares; Byte Buddy's default method graph would
            // resolve every super class and interface of each transformed class (and its methods) first.
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
            .with(VisibilityBridgeStrategy.Default.NEVER)
            .with(InstrumentedType.Factory.Default.FROZEN)
            // the class file is the JVM's own, re-validating it with Byte Buddy's rules is wasted time
            .with(TypeValidation.DISABLED))
        // Advice is inlined into existing methods: no new members, so classes loaded before the
        // agent (runtime attach, JDK classes used at start-up) can be retransformed too.
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        // of the classes loaded before us, only those an instrumentation can match (see InstallPassDiscovery)
        .with(installPass)
        // a batch the JVM refuses is split until the class it refuses stands alone (see there)
        .with(retransformationFailures)
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        // Loaded classes: by reflection during our install pass, from class files after it (see there).
        .with(descriptionStrategy)
        // Types without a class file (interfaces another agent generated and added to classes it had
        // transformed first) are described from the loaded class; see LoadedTypeFallbackPool.
        .with(LoadedTypeFallbackPool.STRATEGY)
        .with(LOCATION_STRATEGY)
        .with(new TransformationListener(advised))
        // A narrow ignore list (see IgnoredClasses): JDK classes are instrumented too, so Byte Buddy's default
        // (which skips the bootstrap loader) does not fit.
        .ignore(ignored());
        // Deliberately no structural matcher (isSynthetic() and the like) here: it would make Byte
        // Buddy parse every class; names are read without parsing.
  }

  /**
   * One instrumentation's type instrumentations as they describe themselves — the advised signatures, method
   * matchers, advice, visitors and helpers — before any Byte Buddy builder exists: the signatures feed the
   * {@link SignaturePrefilter} at premain, the rest {@link #add} when Byte Buddy is set up (which a run served by
   * an AOT training run's woven classes may never need, see {@link DeferredByteBuddy}).
   */
  static final class RecordedModule {
    final String name;
    final List<RecordedType> types = new ArrayList<>();

    RecordedModule(String name) {
      this.name = name;
    }
  }

  static final class RecordedType {
    final TypeInstrumentation type;
    /** Its id for {@link CandidateTypes}. */
    final int owner;
    final List<ElementMatcher<? super MethodDescription>> adviceMethods = new ArrayList<>();
    final List<String> adviceClasses = new ArrayList<>();
    final List<AsmVisitorWrapper> visitors = new ArrayList<>();
    final List<String> helpers = new ArrayList<>();

    RecordedType(TypeInstrumentation type, int owner) {
      this.type = type;
      this.owner = owner;
    }
  }

  /**
   * {@code module}'s type instrumentations recorded, or null if the module could not describe itself. The
   * advised method signatures go into {@code advisedSignatures} (see {@link SignaturePrefilter}), the types it
   * can match into {@code installPass}; each type instrumentation takes the next id of {@code owners} (see
   * {@link CandidateTypes}): the same instrumentations recorded in the same order get the same ids in every JVM.
   */
  static RecordedModule record(LaneInstrumentation module, List<SignaturePrefilter.Entry> advisedSignatures,
      InstallPassDiscovery installPass, java.util.concurrent.atomic.AtomicInteger owners) {
    try {
      final RecordedModule recorded = new RecordedModule(module.name());
      final List<SignaturePrefilter.Entry> signatureEntries = new ArrayList<>();
      for (final TypeInstrumentation type : module.typeInstrumentations()) {
        installPass.add(type);
        final RecordedType recordedType = new RecordedType(type, owners.getAndIncrement());
        type.adviseMethods(new AdviceTarget() {
          @Override
          public void apply(String[] signatures, ElementMatcher<? super MethodDescription> methods,
              String adviceClassName) {
            addEntries(signatureEntries, signatures, type, recordedType.owner);
            // the signatures bound the matcher too, so the constant-pool prefilter never skips a match
            recordedType.adviceMethods.add(anyOf(signatures).and(methods));
            recordedType.adviceClasses.add(adviceClassName);
          }

          @Override
          public void visit(String[] signatures, AsmVisitorWrapper visitor) {
            addEntries(signatureEntries, signatures, type, recordedType.owner);
            recordedType.visitors.add(visitor);
          }

          @Override
          public void helpers(String... classNames) {
            recordedType.helpers.addAll(Arrays.asList(classNames));
          }
        });
        recorded.types.add(recordedType);
      }
      advisedSignatures.addAll(signatureEntries);
      return recorded;
    } catch (Throwable e) {
      LaneLog.warn("instrumentation '" + module.name() + "' could not be installed and is skipped", e);
      return null;
    }
  }

  /** {@code builder} with {@code recorded}'s types added, or null if the module could not be set up. */
  static AgentBuilder add(AgentBuilder builder, RecordedModule recorded, ClassFileLocator adviceLocator,
      HelperInjector helperInjector, AdvisedClasses advised) {
    try {
      for (RecordedType recordedType : recorded.types) {
        TypeInstrumentation type = recordedType.type;
        AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice().include(adviceLocator);
        for (int i = 0; i < recordedType.adviceClasses.size(); i++) {
          advice = advice.advice(recordedType.adviceMethods.get(i), recordedType.adviceClasses.get(i));
        }
        AgentBuilder.Identified.Narrowable matched = builder.type(CandidateTypes.forOwner(recordedType.owner,
            new AgentBuilder.RawMatcher.ForElementMatchers(type.typeMatcher(), type.classLoaderMatcher())));
        AgentBuilder.Identified.Extendable typed = matched.transform(noting(advised, recorded.name));
        typed = recordedType.helpers.isEmpty()
            ? typed.transform(advice)
            : typed.transform(injecting(helperInjector, recordedType.helpers.toArray(new String[0]))).transform(advice);
        for (final AsmVisitorWrapper visitor : recordedType.visitors) {
          typed = typed.transform(new AgentBuilder.Transformer() {
            @Override
            public DynamicType.Builder<?> transform(DynamicType.Builder<?> typeBuilder, TypeDescription typeDescription,
                ClassLoader classLoader, JavaModule module, ProtectionDomain protectionDomain) {
              return typeBuilder.visit(visitor);
            }
          });
        }
        builder = typed;
      }
      return builder;
    } catch (Throwable e) {
      LaneLog.warn("instrumentation '" + recorded.name + "' could not be installed and is skipped", e);
      return null;
    }
  }

  private static void addEntries(List<SignaturePrefilter.Entry> entries, String[] signatures, TypeInstrumentation type,
      int owner) {
    for (String signature : signatures) {
      entries.add(new SignaturePrefilter.Entry(signature, type.prefilterClassName(), type.prefilterClues(), owner));
    }
  }

  /** Notes {@code instrumentation} as transforming the type at hand (see {@link AdvisedClasses}). */
  private static AgentBuilder.Transformer noting(final AdvisedClasses advised, final String instrumentation) {
    return new AgentBuilder.Transformer() {
      @Override
      public DynamicType.Builder<?> transform(DynamicType.Builder<?> typeBuilder, TypeDescription typeDescription,
          ClassLoader classLoader, JavaModule module, ProtectionDomain protectionDomain) {
        advised.pending(instrumentation);
        return typeBuilder;
      }
    };
  }

  /**
   * Defines {@code helpers} in the loader of the type being transformed before its advice is woven; if
   * that fails, the whole transformation fails and the type stays as it was (logged once).
   */
  private static AgentBuilder.Transformer injecting(final HelperInjector injector, final String[] helpers) {
    return new AgentBuilder.Transformer() {
      @Override
      public DynamicType.Builder<?> transform(DynamicType.Builder<?> typeBuilder, TypeDescription typeDescription,
          ClassLoader classLoader, JavaModule module, ProtectionDomain protectionDomain) {
        try {
          injector.inject(classLoader, protectionDomain, helpers);
        } catch (Exception e) {
          throw new IllegalStateException("cannot define the helper classes " + Arrays.toString(helpers), e);
        }
        return typeBuilder;
      }
    };
  }

  /**
   * Methods with one of {@code signatures} ({@code name} or {@code name(descriptor)}); {@code <clinit>}
   * is the static initialiser and {@code <init>} a constructor, neither of which has a name to match.
   */
  static ElementMatcher.Junction<MethodDescription> anyOf(String[] signatures) {
    ElementMatcher.Junction<MethodDescription> any = none();
    for (String signature : signatures) {
      String[] parts = SignaturePrefilter.split(signature);
      if (parts[0].equals(MethodDescription.TYPE_INITIALIZER_INTERNAL_NAME)) {
        any = any.or(isTypeInitializer());
      } else if (parts[0].equals(MethodDescription.CONSTRUCTOR_INTERNAL_NAME)) {
        // a constructor's name() is empty in Byte Buddy: matched as a constructor, by descriptor
        any = any.or(parts[1] == null ? isConstructor() : isConstructor().and(hasDescriptor(parts[1])));
      } else {
        any = any.or(parts[1] == null ? named(parts[0]) : named(parts[0]).and(hasDescriptor(parts[1])));
      }
    }
    return any;
  }

  /**
   * Logs a class that could not be instrumented, once per class; traces successes in debug; tells
   * {@link AdvisedClasses} which transformations took.
   */
  static final class TransformationListener extends AgentBuilder.Listener.Adapter {
    private final AdvisedClasses advised;

    TransformationListener(AdvisedClasses advised) {
      this.advised = advised;
    }

    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
        DynamicType dynamicType) {
      advised.committed(type.getName());
      if (LaneLog.isDebug()) {
        LaneLog.debug("instrumented " + type.getName() + (loaded ? " (retransformed)" : ""));
      }
    }

    @Override
    public void onIgnored(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded) {
      advised.ignored();
    }

    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
      advised.discarded();
      LaneLog.warnRateLimited("transform:" + typeName,
          "could not instrument " + typeName + " (" + error + "); that class runs without lane support");
      if (LaneLog.isDebug()) {
        java.io.StringWriter trace = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(trace));
        LaneLog.debug("instrumenting " + typeName + " failed: " + trace);
      }
    }

    @Override
    public void onComplete(String typeName, ClassLoader loader, JavaModule module, boolean loaded) {
      advised.discarded(); // whatever is still pending did not take (committed ones are cleared already)
    }
  }
}
