package com.alibaba.ttl.spi;

/** The shape of TTL's wrapper interface (transmittable-thread-local), for LaneTasksTest. */
public interface TtlWrapper<T> {
  T unwrap();
}
