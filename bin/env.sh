# Sourced by ./latent, ./run-tests and .ci/run: finds a JDK 25 and Maven, and sets JAVA_HOME and MVN.
# Looks in JAVA_HOME, then the java on PATH, then the usual install folders. Prints one line saying
# what to install when nothing fits, and exits 3.

LATENT_JAVA_MAJOR=25
LATENT_MAVEN_VERSION=3.9.9

latent_java_major() {  # prints the major version of the JDK whose home is $1, or nothing
    local home=$1 line
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
    if [ -f "$home/release" ]; then
        line=$(grep '^JAVA_VERSION=' "$home/release" | head -1 | tr -d '"')
        line=${line#JAVA_VERSION=}
    else
        line=$("$home/bin/java" -version 2>&1 | head -1 | sed -E 's/.*version "([^"]+)".*/\1/')
    fi
    line=${line#1.}
    echo "${line%%[.+-]*}"
}

latent_find_jdk() {
    local candidates=() home major
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    if command -v javac >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
    fi
    for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
                "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
                /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [ -d "$home" ] && candidates+=("$home")
    done
    for home in "${candidates[@]}"; do
        major=$(latent_java_major "$home")
        if [ -n "$major" ] && [ "$major" -ge "$LATENT_JAVA_MAJOR" ] 2>/dev/null; then
            export JAVA_HOME=$home
            return 0
        fi
    done
    echo "latent: no JDK $LATENT_JAVA_MAJOR found (looked in JAVA_HOME, PATH and /usr/lib/jvm); install one, e.g. 'apt-get install temurin-25-jdk' from https://adoptium.net, or set JAVA_HOME to it" >&2
    exit 3
}

latent_find_maven() {
    if command -v mvn >/dev/null 2>&1; then
        MVN=$(command -v mvn)
        return 0
    fi
    # No Maven on PATH: fetch the release from Maven Central once, verify it, and keep it under LATENT_HOME.
    local tools=${LATENT_HOME:-$HOME/.latent}/tools
    local dir=$tools/apache-maven-$LATENT_MAVEN_VERSION
    if [ ! -x "$dir/bin/mvn" ]; then
        local url=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/$LATENT_MAVEN_VERSION/apache-maven-$LATENT_MAVEN_VERSION-bin.tar.gz
        local tmp
        tmp=$(mktemp -d)
        echo "latent: Maven not found on PATH; downloading Maven $LATENT_MAVEN_VERSION from Maven Central" >&2
        if ! curl -fsSL "$url" -o "$tmp/maven.tar.gz" || ! curl -fsSL "$url.sha512" -o "$tmp/maven.sha512" \
            || [ "$(sha512sum "$tmp/maven.tar.gz" | cut -d' ' -f1)" != "$(cut -d' ' -f1 < "$tmp/maven.sha512")" ]; then
            rm -rf "$tmp"
            echo "latent: could not download Maven; install it (e.g. 'apt-get install maven') and try again" >&2
            exit 3
        fi
        mkdir -p "$tools" && tar xzf "$tmp/maven.tar.gz" -C "$tmp" && rm -rf "$dir" && mv "$tmp/apache-maven-$LATENT_MAVEN_VERSION" "$dir"
        rm -rf "$tmp"
    fi
    MVN=$dir/bin/mvn
}
