import com.adobe.epubcheck.tool.EpubChecker;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * EPUBCheck on one EPUB after another in one JVM (paiban.check.epubcheck starts it with Java's
 * source launcher). Its first check takes seconds, loading and compiling EPUBCheck's schemas;
 * every later one a tenth of a second, as they stay loaded.
 *
 * Each line read is a JSON array, [the EPUB, the file to write its JSON report to]; each line
 * written is EPUBCheck's exit status for it. EPUBCheck's own output goes to standard error, so
 * that it can never be taken for a reply. The loop ends when standard input does, as it does when
 * paiban exits, however it exits; should EPUBCheck itself fail, it ends with no reply, and paiban
 * checks that EPUB in a JVM of its own.
 */
public class EpubCheckLoop {
    public static void main(String[] args) throws Exception {
        PrintStream replies = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        ObjectMapper json = new ObjectMapper();
        for (String line = requests.readLine(); line != null; line = requests.readLine()) {
            String[] paths = json.readValue(line, String[].class);
            replies.println(new EpubChecker().run(new String[] {paths[0], "-q", "--json", paths[1]}));
        }
    }
}
