/// The text zlib is primed with when the store compresses a report's original bytes
/// (``StoredOriginal/Encoding/reportDeflated``): the field names, result types and typical
/// values of RFC 8460 reports in the layouts real reporters use (Microsoft's pretty-printed JSON,
/// Google's, Yahoo's and Mail.ru's compact JSON). It halves what a stored report takes.
///
/// Never edit it: every stored report compressed with it needs exactly these bytes to be read.
/// A better dictionary is a new constant with a new ``StoredOriginal/Encoding`` case.
enum ReportDictionary {
    static let version1: [UInt8] = Array(
        #"""
{
  "organization-name": "Microsoft Corporation",
  "date-range": {
    "start-datetime": "2026-01-01T00:00:00Z",
    "end-datetime": "2026-01-01T23:59:59Z"
  },
  "contact-info": "tlsrpt-noreply@microsoft.com",
  "report-id": "133000000000000000+example.com",
  "policies": [
    {
      "policy": {
        "policy-type": "tlsa",
        "policy-string": [
          "{\"usage\":3,\"selector\":1,\"matchingType\":1,\"certificateAssociationData\":\"
        ],
        "policy-domain": "example.com",
        "mx-host": [
          "mx1.example.com"
        ]
      },
      "summary": {
        "total-successful-session-count": 1,
        "total-failure-session-count": 0
      },
      "failure-details": [
        {
          "result-type": "starttls-not-supported",
          "sending-mta-ip": "2a01:111:f400::",
          "receiving-mx-hostname": "mx.example.com",
          "receiving-mx-helo": "mx.example.com",
          "receiving-ip": "192.0.2.1",
          "failed-session-count": 1,
          "additional-information": "https://",
          "failure-reason-code": ""
        }
      ]
    }
  ]
}
{"organization-name":"Mail.ru","date-range":{"start-datetime":"2026-01-01T00:00:00.000Z","end-datetime":"2026-01-02T00:00:00.000Z"},"contact-info":"tlsrpt@corp.mail.ru","report-id":"@mail.ru","policies":[{"policy":{"policy-type":"no-policy-found","policy-domain":"example.org"},"summary":{"total-successful-session-count":1,"total-failure-session-count":0}}]}
{"organization-name":"Yahoo","date-range":{"start-datetime":"2026-01-01T00:00:00+00:00","end-datetime":"2026-01-01T23:59:59+00:00"},"contact-info":"mailto:smtp-tls-reporting@yahooinc.com","report-id":"2026-01-01T00:00:00Z_example.org","policies":[{"policy":{"policy-type":"sts","policy-string":["version: STSv1","mode: enforce","mx: *.example.org","max_age: 604800"],"policy-domain":"example.org","mx-host":["*.example.org"]},"summary":{"total-successful-session-count":1,"total-failure-session-count":1},"failure-details":[{"result-type":"certificate-expired","sending-mta-ip":"192.0.2.1","receiving-mx-hostname":"mx.example.org","receiving-ip":"192.0.2.1","failed-session-count":1},{"result-type":"validation-failure","failed-session-count":1,"additional-information":"","failure-reason-code":"X509_V_ERR_"},{"result-type":"certificate-host-mismatch","failed-session-count":1},{"result-type":"certificate-not-trusted","failed-session-count":1},{"result-type":"sts-policy-fetch-error"},{"result-type":"sts-policy-invalid"},{"result-type":"sts-webpki-invalid"},{"result-type":"tlsa-invalid"},{"result-type":"dnssec-invalid"},{"result-type":"dane-required"}]}]}
{"organization-name":"Google Inc.","date-range":{"start-datetime":"2026-01-01T00:00:00Z","end-datetime":"2026-01-01T23:59:59Z"},"contact-info":"smtp-tls-reporting@google.com","report-id":"2026-01-01T00:00:00Z_example.com","policies":[{"policy":{"policy-type":"sts","policy-string":["version: STSv1","mode: testing","mx: mx1.example.com","mx: mx2.example.com","max_age: 86400"],"policy-domain":"example.com","mx-host":["mx1.example.com","mx2.example.com"]},"summary":{"total-successful-session-count":1,"total-failure-session-count":0}}]}
"""#.utf8)
}
