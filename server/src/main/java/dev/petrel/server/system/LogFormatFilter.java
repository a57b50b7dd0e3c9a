package dev.petrel.server.system;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Lets an appender of logback.xml write only when {@value LogFormat#VARIABLE} names its format
 * ({@code text} when unset), so that both appenders can be configured and exactly one writes.
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {
  private static final String CHOSEN = chosen();

  private String format = "text";

  /** The format this filter's appender writes: {@code text} or {@code json}. */
  public void setFormat(String format) {
    this.format = format;
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    return CHOSEN.equals(format) ? FilterReply.NEUTRAL : FilterReply.DENY;
  }

  private static String chosen() {
    String value = System.getenv(LogFormat.VARIABLE);
    return value == null || value.isBlank() ? "text" : value;
  }
}
