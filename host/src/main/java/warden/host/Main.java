package warden.host;

public final class Main {
    public static void main(String[] args) {
        System.out.println("warden");
    }
}
