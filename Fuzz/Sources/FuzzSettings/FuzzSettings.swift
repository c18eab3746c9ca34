import HourbookCore
import HourbookImport

// hourbook.yaml as the importer reads it: `TextDecoding` (UTF-8, or GB18030), then Yams and
// `SettingsLoader`, which must refuse every bad file with one SETTINGS-INVALID failure.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSettings(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do throws(InputFailure) {
        let decoded = try TextDecoding.decode(bytes, file: "hourbook.yaml")
        let settings = try SettingsLoader.load(yaml: String(decoding: decoded.utf8, as: UTF8.self), file: "hourbook.yaml")
        _ = settings.requirement(forRank: "default")
    } catch {
        _ = error.message
    }
    return 0
}
