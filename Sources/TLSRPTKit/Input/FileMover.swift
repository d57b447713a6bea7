import Foundation

/// Moves processed inputs out of the way (`ingest --move-to DIR`).
enum FileMover {
    /// Moves `path` into `directory` (created if needed), keeping its name; when a file of that
    /// name exists there already, a numeric suffix is added. A Maildir destination receives the
    /// file in its `cur/` folder. A file already in the destination folder stays as it is.
    static func move(_ path: String, into directory: String) throws {
        let manager = FileManager.default
        var target = directory
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory + "/cur", isDirectory: &isDirectory), isDirectory.boolValue {
            target = directory + "/cur"
        }
        try manager.createDirectory(atPath: target, withIntermediateDirectories: true)
        // Already there (`--move-to` names the folder being ingested): nothing to move, rather
        // than a rename to `name.1`, then `name.1.1`, on every run.
        var folderStatus = stat()
        var targetStatus = stat()
        if stat((path as NSString).deletingLastPathComponent, &folderStatus) == 0, stat(target, &targetStatus) == 0,
            folderStatus.st_dev == targetStatus.st_dev, folderStatus.st_ino == targetStatus.st_ino
        {
            return
        }
        let name = (path as NSString).lastPathComponent
        var destination = target + "/" + name
        var suffix = 1
        while manager.fileExists(atPath: destination) {
            destination = target + "/" + name + "." + String(suffix)
            suffix += 1
        }
        try manager.moveItem(atPath: path, toPath: destination)
    }
}
