package dev.petrel.android.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method or class that uses framework API newer than Android 8 (API 26), called only behind
 * a {@code Build.VERSION.SDK_INT} check for {@link #value()}. AndroidApiTest skips what is marked,
 * and only that, when it checks the bytecode against API 26.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.CONSTRUCTOR})
public @interface SinceApi {
  /** The API level the marked code needs. */
  int value();
}
