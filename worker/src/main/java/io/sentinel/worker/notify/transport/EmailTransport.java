package io.sentinel.worker.notify.transport;

import io.sentinel.store.notify.ChannelSettings;
import io.sentinel.worker.notify.Message;
import io.sentinel.worker.notify.format.EmailContent;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.security.GeneralSecurityException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * E-mail over SMTP (Jakarta Mail): STARTTLS required by default (or implicit TLS, or, when the
 * channel says so, none), server certificate and host name verified, AUTH when a user name is
 * set. Each message is multipart/alternative (plain text and escaped HTML) and its
 * {@code Message-ID} is {@code <message-id@sentinel>}, so a copy sent twice is recognisably the
 * same mail; {@code X-Sentinel-Message-Id} carries the bare id. One SMTP session per batch.
 */
public final class EmailTransport implements Transport {
    private final ChannelSettings.Email settings;
    private final Session session;
    private final Optional<String> password;
    private final String target;

    public EmailTransport(ChannelSettings.Email settings, Map<String, String> secrets) throws GeneralSecurityException {
        this.settings = settings;
        this.password = Optional.ofNullable(secrets.get("password"));
        this.target = "smtp://" + settings.host() + ":" + settings.port();
        Properties p = new Properties();
        String proto = settings.security() == ChannelSettings.Security.TLS ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", settings.host());
        p.put("mail." + proto + ".port", Integer.toString(settings.port()));
        String ms = Integer.toString(settings.timeoutSeconds() * 1000);
        p.put("mail." + proto + ".connectiontimeout", ms);
        p.put("mail." + proto + ".timeout", ms);
        p.put("mail." + proto + ".writetimeout", ms);
        p.put("mail." + proto + ".auth", Boolean.toString(settings.username().isPresent()));
        if (settings.security() != ChannelSettings.Security.NONE) {
            var factory = TlsContexts.client(settings.caPem(), Optional.empty(), Optional.empty()).getSocketFactory();
            p.put("mail." + proto + ".ssl.socketFactory", factory);
            p.put("mail." + proto + ".ssl.checkserveridentity", "true");
            p.put("mail." + proto + ".ssl.protocols", "TLSv1.3 TLSv1.2");
            if (settings.security() == ChannelSettings.Security.STARTTLS) {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            } else {
                p.put("mail.smtps.ssl.enable", "true");
            }
        }
        this.session = Session.getInstance(p);
    }

    /** The MIME message of {@code m}. */
    public MimeMessage mime(Message m) throws MessagingException {
        EmailContent content = EmailContent.of(m, settings.subjectPrefix());
        MimeMessage mail = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + m.id() + "@sentinel>");
            }
        };
        mail.setFrom(new InternetAddress(settings.from()));
        for (String to : settings.to()) {
            mail.addRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to));
        }
        mail.setSubject(content.subject(), "UTF-8");
        mail.setSentDate(Date.from(m.createdAt()));
        mail.setHeader("X-Sentinel-Message-Id", m.id().toString());
        mail.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(content.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(content.html(), "UTF-8", "html");
        MimeMultipart alt = new MimeMultipart("alternative", text, html);
        mail.setContent(alt);
        mail.saveChanges();
        return mail;
    }

    @Override
    public Result send(List<Message> batch, long deadline) {
        if (batch.isEmpty()) {
            return Result.all(0);
        }
        int done = 0;
        try (jakarta.mail.Transport t = session.getTransport()) {
            t.connect(settings.host(), settings.port(), settings.username().orElse(null), password.orElse(null));
            for (Message m : batch) {
                if (System.nanoTime() - deadline > 0) {
                    return new Result(done, Optional.empty());
                }
                MimeMessage mail = mime(m);
                Address[] to = mail.getAllRecipients();
                t.sendMessage(mail, to);
                done++;
            }
            return Result.all(done);
        } catch (SendFailedException e) {
            return Result.failed(done, Failure.rejected("recipients refused by " + target + ": " + safe(e)));
        } catch (jakarta.mail.AuthenticationFailedException e) {
            return Result.failed(done, Failure.down("authentication failed at " + target));
        } catch (MessagingException e) {
            return Result.failed(done, Failure.down("SMTP failure at " + target + ": " + safe(e)));
        }
    }

    /** The error text without anything the server might echo of our credentials. */
    private String safe(Exception e) {
        String s = String.valueOf(e.getMessage());
        if (e.getCause() != null) {
            s += " (" + e.getCause().getClass().getSimpleName() + ")";
        }
        if (password.isPresent() && !password.get().isEmpty()) {
            s = s.replace(password.get(), "***");
        }
        return s.replace('\r', ' ').replace('\n', ' ');
    }
}
