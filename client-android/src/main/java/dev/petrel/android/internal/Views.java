package dev.petrel.android.internal;

import android.content.Context;
import android.util.TypedValue;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import android.widget.TextView;

/** Plain framework views for the update screens: no resources, so no AAR is needed. */
public final class Views {
  private Views() {}

  /** A vertical column with the padding dialogs use. */
  public static LinearLayout column(Context context) {
    LinearLayout column = new LinearLayout(context);
    column.setOrientation(LinearLayout.VERTICAL);
    int pad = dp(context, 24);
    column.setPadding(pad, dp(context, 16), pad, dp(context, 8));
    return column;
  }

  /** A text of {@code sizeSp} scaled pixels. */
  public static TextView text(Context context, CharSequence text, float sizeSp) {
    TextView view = new TextView(context);
    view.setText(text);
    view.setTextSize(TypedValue.COMPLEX_UNIT_SP, sizeSp);
    view.setPadding(0, 0, 0, dp(context, 8));
    return view;
  }

  /** The notes in a scroll view that grows with the window. */
  public static ScrollView scrolling(Context context, TextView content) {
    ScrollView scroll = new ScrollView(context);
    scroll.addView(content);
    return scroll;
  }

  /** {@code value} density-independent pixels in pixels. */
  public static int dp(Context context, int value) {
    return Math.round(value * context.getResources().getDisplayMetrics().density);
  }
}
