/**
 * Evidence links and the verdict both faces of the rule must give them (core/evidence-link.ts):
 * run through the in-process formula evaluator in test/core and through LibreOffice in
 * test/interop.
 */
export const ACCEPTED = [
  "https://example.org",
  "http://example.org/a?b=c#d",
  "HTTPS://EXAMPLE.ORG",
  "https://sheitc.sh.gov.cn/zxxx/20200410/0001.html",
  "https://例子.中国/路径",
  "http://a",
  // An "@" in the path or after it is part of the page's address, not a user name.
  "https://example.org/@someone/post",
  "http://example.org/a@b",
  "https://example.org:8443/path",
];
export const REFUSED = [
  "example.org",
  "ftp://example.org/x",
  "https://",
  "http://",
  "https:///path",
  "https://example.org/a b",
  " https://example.org",
  "see https://example.org",
  "mailto:someone@example.org",
  "https:/example.org",
  // Credentials before the site: the workbook must not keep a password, and the site shown
  // (user, example.org) is not where the link goes.
  "https://user:pass@example.org/",
  "https://user@example.org/",
  "http://user:pass@example.org",
  "https://user@example.org",
  "https://@example.org/",
  "https://:@example.org/",
  "HTTPS://USER:PASS@EXAMPLE.ORG/A",
  "http://example.org@evil.example/",
  "user@example.org",
  "user:pass@example.org/path",
  // The site part ends only at "/": these odd links are refused by both faces alike.
  "https://example.org?u=a@b",
  "https://example.org#a@b",
];
