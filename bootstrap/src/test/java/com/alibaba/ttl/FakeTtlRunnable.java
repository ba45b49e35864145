package com.alibaba.ttl;

import com.alibaba.ttl.spi.TtlWrapper;

/** A task wrapper shaped like TTL's TtlRunnable (the real one is tested in OtherAgentsTest). */
public final class FakeTtlRunnable implements Runnable, TtlWrapper<Runnable> {
  private final Runnable delegate;

  public FakeTtlRunnable(Runnable delegate) {
    this.delegate = delegate;
  }

  @Override
  public void run() {
    delegate.run();
  }

  @Override
  public Runnable unwrap() {
    return delegate;
  }
}
