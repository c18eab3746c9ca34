import FuzzSupport
import HourbookEvidence

// `hourbook verify ARCHIVE.zip` on arbitrary bytes: the verifier must answer intact, tampered or
// unreadable, whatever the archive holds. Seeded with a real evidence archive of the demo build.

private let archive = ScratchFile("archive.zip")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVerifier(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    archive.write(UnsafeRawBufferPointer(start: data, count: size))
    let report = EvidenceVerifier.verify(archiveAt: archive.path)
    _ = report.lines
    return 0
}
