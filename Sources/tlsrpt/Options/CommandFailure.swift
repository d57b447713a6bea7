/// An error while a command runs that is not a usage error (a file that cannot be read): printed
/// as its sentence alone, exit status 2.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
