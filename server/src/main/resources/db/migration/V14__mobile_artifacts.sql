-- Mobile artifacts (issue 12): what the APK of a hosted Android release and the IPA of a hosted
-- iOS release said when they were published. Later publishes of the app are compared with the
-- newest row (package name and signing certificates; bundle id), and an IPA's row gives the
-- itms-services install manifest its bundle id, version and title. One row per release, written
-- in the publish transaction, so a refused publish leaves none.

CREATE TABLE android_packages (
  release_id    BIGINT        NOT NULL PRIMARY KEY REFERENCES releases (id),
  app_id        VARCHAR(63)   NOT NULL REFERENCES apps (id),
  package_name  VARCHAR(255)  NOT NULL,
  version_code  BIGINT        NOT NULL,
  signers       TEXT          NOT NULL,
  scheme        INTEGER       NOT NULL
);

CREATE INDEX android_packages_app ON android_packages (app_id, release_id);

CREATE TABLE ios_bundles (
  release_id      BIGINT        NOT NULL PRIMARY KEY REFERENCES releases (id),
  app_id          VARCHAR(63)   NOT NULL REFERENCES apps (id),
  bundle_id       VARCHAR(255)  NOT NULL,
  short_version   VARCHAR(64)   NOT NULL,
  bundle_version  VARCHAR(64)   NOT NULL,
  title           VARCHAR(255)  NOT NULL
);

CREATE INDEX ios_bundles_app ON ios_bundles (app_id, release_id);
