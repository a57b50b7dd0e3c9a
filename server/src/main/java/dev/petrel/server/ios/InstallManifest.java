package dev.petrel.server.ios;

/**
 * The {@code itms-services} manifest property list: one item whose {@code software-package} asset
 * is the IPA's URL and whose metadata gives the bundle id, version, kind and title iOS shows while
 * installing.
 */
final class InstallManifest {
  private InstallManifest() {}

  static String xml(IosBundle bundle, String ipaUrl) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" \
        "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        <dict>
          <key>items</key>
          <array>
            <dict>
              <key>assets</key>
              <array>
                <dict>
                  <key>kind</key>
                  <string>software-package</string>
                  <key>url</key>
                  <string>%s</string>
                </dict>
              </array>
              <key>metadata</key>
              <dict>
                <key>bundle-identifier</key>
                <string>%s</string>
                <key>bundle-version</key>
                <string>%s</string>
                <key>kind</key>
                <string>software</string>
                <key>title</key>
                <string>%s</string>
              </dict>
            </dict>
          </array>
        </dict>
        </plist>
        """
        .formatted(
            escape(ipaUrl),
            escape(bundle.bundleId()),
            escape(bundle.shortVersion()),
            escape(bundle.title()));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
