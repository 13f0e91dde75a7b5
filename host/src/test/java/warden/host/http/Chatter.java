package warden.host.http;

/** Test child for the dashboard: a line of output every 300 ms and some CPU work in between. */
public final class Chatter {

    public static void main(String[] args) throws InterruptedException {
        long n = 0;
        while (true) {
            long until = System.nanoTime() + 60_000_000L;
            double x = 0;
            while (System.nanoTime() < until) {
                x += Math.sqrt(++n);
            }
            System.out.println("tick " + n + " " + (long) x % 1000);
            Thread.sleep(240);
        }
    }
}
