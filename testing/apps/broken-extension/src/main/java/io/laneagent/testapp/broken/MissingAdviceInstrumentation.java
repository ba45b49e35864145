package io.laneagent.testapp.broken;

import io.laneagent.instrumentation.api.LaneInstrumentation;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;

/**
 * An instrumentation that matches the JDK HttpServer test app's main class and names advice that does
 * not exist, so transforming that class fails. The agent must log it once and load the class unchanged.
 *
 * <p>The agent's API speaks relocated Byte Buddy types, which this module cannot compile against; the
 * type instrumentation is therefore a proxy that fetches the matchers reflectively from the agent.
 */
public final class MissingAdviceInstrumentation implements LaneInstrumentation {

  static final String TARGET = "io.laneagent.testapp.jdkhttpserver.JdkHttpServerApp";

  @Override
  public String name() {
    return "test-missing-advice";
  }

  @Override
  public boolean isSupported() {
    return true;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    Object proxy = Proxy.newProxyInstance(MissingAdviceInstrumentation.class.getClassLoader(),
        new Class<?>[] {TypeInstrumentation.class}, (self, method, args) -> {
          switch (method.getName()) {
            case "typeMatcher":
              return matcher("named", TARGET);
            case "classLoaderMatcher":
              return matcher("any");
            case "adviseMethods":
              Object target = args[0];
              for (Method apply : target.getClass().getMethods()) {
                if (apply.getName().equals("apply")) {
                  apply.setAccessible(true);
                  apply.invoke(target, new String[] {"probe"}, matcher("any"), "io.laneagent.testapp.broken.NoSuchAdvice");
                }
              }
              return null;
            default:
              return method.getName().equals("toString") ? "missing-advice" : null;
          }
        });
    return Collections.singletonList((TypeInstrumentation) proxy);
  }

  private static Object matcher(String factory, String... args) throws Exception {
    // where the agent runs from: the system class loader (the boot class path on Java 8)
    Class<?> matchers = Class.forName("io.laneagent.shaded.net.bytebuddy.matcher.ElementMatchers", true,
        TypeInstrumentation.class.getClassLoader());
    if (args.length == 0) {
      return matchers.getMethod(factory).invoke(null);
    }
    return matchers.getMethod(factory, String.class).invoke(null, args[0]);
  }
}
