package dev.beamr.wasi;

/** The preview1 error numbers this provider returns (the {@code errno} enum of wasi_snapshot_preview1). */
final class Errno {
    static final int SUCCESS = 0;
    static final int BADF = 8;
    static final int EXIST = 20;
    static final int FAULT = 21;
    static final int FBIG = 22;
    static final int ILSEQ = 25;
    static final int INTR = 27;
    static final int INVAL = 28;
    static final int IO = 29;
    static final int ISDIR = 31;
    static final int NAMETOOLONG = 37;
    static final int NOENT = 44;
    static final int NOSYS = 52;
    static final int NOTDIR = 54;
    static final int NOTEMPTY = 55;
    static final int SPIPE = 70;
    static final int NOTCAPABLE = 76;

    private Errno() {}
}
