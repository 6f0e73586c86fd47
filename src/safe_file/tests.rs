use super::*;
use std::os::unix::fs::symlink;
use std::sync::mpsc;
use std::time::Duration;

fn folder() -> (tempfile::TempDir, Root) {
    let dir = tempfile::tempdir().unwrap();
    let root = Root::open(dir.path(), Links::Refused).unwrap();
    (dir, root)
}

fn fifo(path: &Path) {
    make_fifo(path).unwrap();
}

/// Runs `f` on a thread and fails if it takes more than two seconds.
fn quickly<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(f());
    });
    receive
        .recv_timeout(Duration::from_secs(2))
        .expect("blocked for more than two seconds")
}

#[test]
fn reads_a_file_and_names_it_when_it_is_too_large() {
    let (dir, root) = folder();
    std::fs::write(dir.path().join("a.toml"), "hello").unwrap();
    assert_eq!(root.read_to_string("a.toml", 100).unwrap(), "hello");
    let error = root.read("a.toml", 4).unwrap_err();
    assert!(matches!(
        error.problem,
        Problem::TooLarge { size: 5, limit: 4 }
    ));
    assert!(error.to_string().contains("a.toml"), "{error}");
}

#[test]
fn a_sparse_huge_file_is_refused_without_reading_it() {
    let (dir, root) = folder();
    let file = File::create(dir.path().join("huge.toml")).unwrap();
    file.set_len(1 << 40).unwrap();
    let error = quickly(move || root.read("huge.toml", limits::NOTE).unwrap_err());
    assert!(
        error
            .to_string()
            .ends_with("it is 1048576 MiB, over the 16 MiB limit"),
        "{error}"
    );
}

#[test]
fn fifos_are_refused_at_once_for_reading_and_locking() {
    let (dir, root) = folder();
    fifo(&dir.path().join("pipe.toml"));
    fifo(&dir.path().join(".lock"));
    let (read, lock) = quickly(move || (root.read("pipe.toml", 100), root.open_lock(".lock")));
    let read = read.unwrap_err();
    assert!(
        matches!(read.problem, Problem::NotRegular("a FIFO")),
        "{read}"
    );
    assert!(
        read.to_string().contains("pipe.toml: it is a FIFO"),
        "{read}"
    );
    assert!(matches!(lock.unwrap_err().problem, Problem::NotRegular(_)));
}

#[test]
fn links_out_of_the_folder_are_refused_under_both_policies() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret"), "secret").unwrap();
    let dir = tempfile::tempdir().unwrap();
    symlink(outside.path().join("secret"), dir.path().join("abs")).unwrap();
    symlink("../../../../../../../../etc/passwd", dir.path().join("rel")).unwrap();
    symlink("/dev/zero", dir.path().join("zero")).unwrap();
    symlink(outside.path(), dir.path().join("sub")).unwrap();
    for links in [Links::Refused, Links::Inside] {
        let root = Root::open(dir.path(), links).unwrap();
        for name in ["abs", "rel", "zero", "sub/secret", "../x", "/etc/passwd"] {
            let result = root.read(name, 1 << 20);
            assert!(
                matches!(
                    result,
                    Err(Error {
                        problem: Problem::Outside | Problem::Link,
                        ..
                    })
                ),
                "{links:?} {name}: {result:?}"
            );
        }
    }
}

#[test]
fn links_inside_are_followed_only_where_allowed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    std::fs::write(dir.path().join("real/a.txt"), "text").unwrap();
    symlink("real", dir.path().join("alias")).unwrap();
    symlink("real/a.txt", dir.path().join("b.txt")).unwrap();
    let inside = Root::open(dir.path(), Links::Inside).unwrap();
    assert_eq!(inside.read_to_string("alias/a.txt", 10).unwrap(), "text");
    assert_eq!(inside.read_to_string("b.txt", 10).unwrap(), "text");
    assert_eq!(inside.read_to_string("real/../b.txt", 10).unwrap(), "text");
    let strict = Root::open(dir.path(), Links::Refused).unwrap();
    assert!(matches!(
        strict.read("alias/a.txt", 10).unwrap_err().problem,
        Problem::Link
    ));
    assert!(matches!(
        strict.read("b.txt", 10).unwrap_err().problem,
        Problem::Link
    ));
}

#[test]
fn the_root_itself_may_be_a_link() {
    let real = tempfile::tempdir().unwrap();
    std::fs::write(real.path().join("a"), "x").unwrap();
    let holder = tempfile::tempdir().unwrap();
    symlink(real.path(), holder.path().join("data")).unwrap();
    let root = Root::open(&holder.path().join("data"), Links::Refused).unwrap();
    assert_eq!(root.read("a", 1).unwrap(), b"x");
}

#[test]
fn atomic_writes_replace_a_link_instead_of_writing_through_it() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("victim");
    std::fs::write(&target, "untouched").unwrap();
    let (dir, root) = folder();
    symlink(&target, dir.path().join("state.toml")).unwrap();
    root.write_atomic("state.toml", b"one").unwrap();
    root.write_atomic("state.toml", b"two").unwrap();
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "untouched");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("state.toml")).unwrap(),
        "two"
    );
    let names: Vec<_> = root
        .entries("")
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(names, ["state.toml"]);
}

#[test]
fn writes_into_a_linked_folder_are_refused_and_create_nothing() {
    let outside = tempfile::tempdir().unwrap();
    let (dir, root) = folder();
    symlink(outside.path(), dir.path().join("notes")).unwrap();
    let error = root.write_atomic("notes/a.toml", b"x").unwrap_err();
    assert!(error.to_string().contains("notes/a.toml"), "{error}");
    assert!(root.create_dir_all("notes/b").is_err());
    assert!(root.open_lock("notes/.lock").is_err());
    symlink(outside.path().join("made"), dir.path().join(".lock")).unwrap();
    assert!(matches!(
        root.open_lock(".lock").unwrap_err().problem,
        Problem::Link
    ));
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

#[test]
fn folders_are_created_beneath_and_listed_with_their_kinds() {
    let (dir, root) = folder();
    let notes = root.create_dir_all("notes/brief-1/.trash").unwrap();
    assert_eq!(notes.path(), dir.path().join("notes/brief-1/.trash"));
    root.write_atomic("notes/brief-1/n.toml", b"x").unwrap();
    symlink("n.toml", dir.path().join("notes/brief-1/l")).unwrap();
    fifo(&dir.path().join("notes/brief-1/p"));
    let mut entries = root.entries("notes/brief-1").unwrap();
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    let kinds: Vec<_> = entries
        .iter()
        .map(|e| (e.name.to_str().unwrap(), e.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            (".trash", Kind::Folder),
            ("l", Kind::Link),
            ("n.toml", Kind::File),
            ("p", Kind::Other)
        ]
    );
    assert_eq!(root.info("notes/brief-1/n.toml").unwrap().unwrap().len, 1);
    assert!(root.info("notes/brief-1/none").unwrap().is_none());
    assert!(root.info("missing/none").unwrap().is_none());
}

#[test]
fn renames_stay_beneath_and_may_refuse_to_replace() {
    let (dir, root) = folder();
    root.create_dir_all(".trash").unwrap();
    root.write_atomic("a.toml", b"a").unwrap();
    root.write_atomic("b.toml", b"b").unwrap();
    let error = root.rename("a.toml", "b.toml", false).unwrap_err();
    assert!(matches!(error.problem, Problem::Exists), "{error}");
    root.rename("a.toml", ".trash/a.toml", false).unwrap();
    assert_eq!(
        std::fs::read(dir.path().join(".trash/a.toml")).unwrap(),
        b"a"
    );
    assert!(root.rename("b.toml", "../b.toml", true).is_err());
    root.remove_file("b.toml").unwrap();
    assert!(!root.exists("b.toml"));
}

#[test]
fn the_fallback_walk_refuses_links_and_parents() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    std::fs::write(dir.path().join("real/a"), "x").unwrap();
    symlink("real", dir.path().join("alias")).unwrap();
    let root = Root::open(dir.path(), Links::Inside).unwrap();
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    assert!(root.walk(Path::new("real/a"), flags, Mode::empty()).is_ok());
    assert!(
        root.walk(Path::new("./real/./a"), flags, Mode::empty())
            .is_ok()
    );
    assert!(matches!(
        root.walk(Path::new("alias/a"), flags, Mode::empty()),
        Err(Problem::NotAFolder | Problem::Link)
    ));
    assert!(matches!(
        root.walk(Path::new("real/../real/a"), flags, Mode::empty()),
        Err(Problem::Outside)
    ));
}

#[test]
fn a_brief_path_is_read_through_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.toml"), "x = 1").unwrap();
    assert_eq!(
        read_path(&dir.path().join("b.toml"), 100).unwrap(),
        b"x = 1"
    );
    fifo(&dir.path().join("f.toml"));
    let path = dir.path().join("f.toml");
    let error = quickly(move || read_path(&path, 100).unwrap_err());
    assert!(
        error.to_string().contains("f.toml: it is a FIFO"),
        "{error}"
    );
    let error = read_path(dir.path(), 100).unwrap_err();
    assert!(matches!(error.problem, Problem::NotRegular(_)), "{error}");
}
