import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real Dovecot IMAP server for one test: an unprivileged instance in a temporary folder, with a
/// passwd-file user, a Maildir, a certificate the test makes with `openssl`, an `imaps` listener
/// and an `imap` listener for STARTTLS, both on free loopback ports. It offers XOAUTH2 too, with
/// the password as the only valid token. Stopped when discarded.
///
/// As root (CI), Dovecot refuses to run its login process or touch mail as root: the login
/// process runs as `nobody` and the mail belongs to uid and gid 65534. Otherwise everything runs
/// as the current user.
final class DovecotServer {
    static let executable = "/usr/sbin/dovecot"
    let user = "tester"
    let password: String
    let directory: TemporaryDirectory
    let imapsPort: Int
    let imapPort: Int

    /// The server certificate, for `--ca-file`.
    var certificate: String { directory.url.appendingPathComponent("cert.pem").path }
    /// The user's Maildir.
    var maildir: URL { directory.url.appendingPathComponent("mail/Maildir") }
    /// The owner of mail files: 65534 as root, else the current user.
    private var mailOwner: (uid: UInt32, gid: UInt32) { geteuid() == 0 ? (65534, 65534) : (geteuid(), getegid()) }

    init(password: String = "pw-\(UUID().uuidString.prefix(8))") throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSDebugDescriptionErrorKey: "\(Self.executable) is missing: apt-get install dovecot-imapd"])
        }
        self.password = password
        directory = try TemporaryDirectory()
        (imapsPort, imapPort) = (try Self.freePort(), try Self.freePort())
        let root = directory.url.path
        _ = try CommandRunner.runProgram("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", "\(root)/key.pem", "-out", "\(root)/cert.pem",
        ])
        try directory.write(Data("\(user):{PLAIN}\(password)::::::\n".utf8), to: "passwd")
        let me = String(cString: getpwuid(geteuid()).pointee.pw_name)
        let isRoot = geteuid() == 0
        let owner = mailOwner
        let configuration = """
            protocols = imap
            listen = 127.0.0.1
            base_dir = \(root)/run
            state_dir = \(root)/state
            log_path = \(root)/dovecot.log
            ssl = required
            ssl_cert = <\(root)/cert.pem
            ssl_key = <\(root)/key.pem
            default_internal_user = \(me)
            default_internal_group = \(String(cString: getgrgid(getegid()).pointee.gr_name))
            default_login_user = \(isRoot ? "nobody" : me)
            first_valid_uid = \(min(owner.uid, 1))
            first_valid_gid = \(min(owner.gid, 1))
            auth_mechanisms = plain login xoauth2
            passdb {
              driver = passwd-file
              args = scheme=PLAIN \(root)/passwd
            }
            userdb {
              driver = static
              args = uid=\(owner.uid) gid=\(owner.gid) home=\(root)/mail
            }
            mail_location = maildir:\(root)/mail/Maildir
            service imap-login {
              chroot =
              inet_listener imap {
                port = \(imapPort)
              }
              inet_listener imaps {
                port = \(imapsPort)
                ssl = yes
              }
            }
            service anvil {
              chroot =
            }
            service stats {
              chroot =
            }

            """
        try directory.write(Data(configuration.utf8), to: "dovecot.conf")
        for folder in ["run", "state", "mail/Maildir/cur", "mail/Maildir/new", "mail/Maildir/tmp"] {
            try FileManager.default.createDirectory(at: directory.url.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try chownMail()
        try start()
    }

    /// Starts the server and waits until both ports answer.
    func start() throws {
        // Dovecot runs as a daemon (not a child of the test process: a long-lived child made
        // Foundation's Process stop reaping the tlsrpt commands the test ran meanwhile), started
        // through python3 so that it inherits no descriptor of the test process but /dev/null.
        _ = try CommandRunner.runProgram("/usr/bin/python3", [
            "-c",
            "import os, sys\nnull = os.open('/dev/null', os.O_RDWR)\nfor fd in (0, 1, 2): os.dup2(null, fd)\n"
                + "os.closerange(3, 65536)\nos.execv(sys.argv[1], sys.argv[1:])",
            Self.executable, "-c", directory.url.appendingPathComponent("dovecot.conf").path,
        ])
        try waitUntilListening()
    }

    /// Stops the server and drops every connection: SIGTERM to the master, SIGKILL if it lingers
    /// past two seconds, and SIGKILL to its login and imap processes (which outlive the master).
    func stop() {
        let pidFile = directory.url.appendingPathComponent("run/master.pid")
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return }
        let children = Self.children(of: pid)
        kill(pid, SIGTERM)
        for _ in 0..<20 where kill(pid, 0) == 0 { usleep(100_000) }
        if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        for child in children { kill(child, SIGKILL) }
        try? FileManager.default.removeItem(at: pidFile)
    }

    /// The processes whose parent is `parent` (from `/proc/PID/stat`).
    private static func children(of parent: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let end = stat.range(of: ") ", options: .backwards)
            else { return nil }
            // pid (comm) state ppid …: the fields after the command name, which may hold spaces.
            let fields = stat[end.upperBound...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == parent ? pid : nil
        }
    }

    deinit {
        stop()
    }

    /// `imaps://tester@127.0.0.1:PORT/mailbox` (or `imap://…` on the STARTTLS port).
    func url(_ mailbox: String = "INBOX", startTLS: Bool = false) -> String {
        startTLS ? "imap://\(user)@127.0.0.1:\(imapPort)/\(mailbox)" : "imaps://\(user)@127.0.0.1:\(imapsPort)/\(mailbox)"
    }

    /// What Dovecot logged (to explain a failure).
    var log: String { (try? String(contentsOf: directory.url.appendingPathComponent("dovecot.log"), encoding: .utf8)) ?? "" }

    /// Delivers a message into `new/` of the Maildir (or of `.folder`), as an MDA would; returns its base name.
    @discardableResult
    func deliver(_ message: Data, folder: String? = nil) throws -> String {
        try deliver([message], folder: folder)[0]
    }

    /// Delivers messages into `new/` of the Maildir (or of `.folder`); returns their base names.
    @discardableResult
    func deliver(_ messages: [Data], folder: String? = nil) throws -> [String] {
        let base = folder.map { maildir.appendingPathComponent(".\($0)") } ?? maildir
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(at: base.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let names = try messages.map { message in
            let name = "\(Int(Date().timeIntervalSince1970)).M\(UUID().uuidString.prefix(12)).tlsrpt-test"
            try message.write(to: base.appendingPathComponent("tmp/\(name)"))
            try FileManager.default.moveItem(at: base.appendingPathComponent("tmp/\(name)"), to: base.appendingPathComponent("new/\(name)"))
            return name
        }
        try chownMail()
        return names
    }

    /// The messages of the Maildir folder (`nil`: INBOX): base name → Maildir flag letters
    /// (`S` seen, `T` deleted…; empty for a message still in `new/`).
    func messages(folder: String? = nil) throws -> [String: String] {
        let base = folder.map { maildir.appendingPathComponent(".\($0)") } ?? maildir
        var messages: [String: String] = [:]
        for sub in ["new", "cur"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: base.appendingPathComponent(sub).path)) ?? []
            for name in names {
                let parts = name.components(separatedBy: ":2,")
                messages[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
        }
        return messages
    }

    /// The bytes of the message with base name `name` in the folder (`nil`: INBOX).
    func body(of name: String, folder: String? = nil) throws -> Data {
        let base = folder.map { maildir.appendingPathComponent(".\($0)") } ?? maildir
        for sub in ["new", "cur"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: base.appendingPathComponent(sub).path)) ?? []
            if let file = names.first(where: { $0 == name || $0.hasPrefix(name + ":2,") }) {
                return try Data(contentsOf: base.appendingPathComponent("\(sub)/\(file)"))
            }
        }
        throw CocoaError(.fileNoSuchFile)
    }

    private func chownMail() throws {
        guard geteuid() == 0 else { return }
        let owner = mailOwner
        let enumerator = FileManager.default.enumerator(atPath: directory.url.appendingPathComponent("mail").path)
        chown(directory.url.appendingPathComponent("mail").path, owner.uid, owner.gid)
        while let path = enumerator?.nextObject() as? String {
            chown(directory.url.appendingPathComponent("mail/\(path)").path, owner.uid, owner.gid)
        }
    }

    private func waitUntilListening() throws {
        for _ in 0..<100 {
            if ServeCommandTests.idleConnection(port: imapsPort).closingIfOpen(), ServeCommandTests.idleConnection(port: imapPort).closingIfOpen() {
                return
            }
            usleep(100_000)
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSDebugDescriptionErrorKey: "Dovecot did not start: \(log)"])
    }

    /// A port nothing listens on now (the kernel's choice for port 0).
    private static func freePort() throws -> Int {
        let (descriptor, port) = try LoopbackSocket.bound(listening: false)
        close(descriptor)
        return port
    }
}

extension Int32 {
    /// For a descriptor from ``ServeCommandTests/idleConnection(port:)``: whether it is open; closes it.
    fileprivate func closingIfOpen() -> Bool {
        guard self >= 0 else { return false }
        close(self)
        return true
    }
}
