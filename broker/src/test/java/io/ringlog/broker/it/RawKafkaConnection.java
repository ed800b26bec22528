package io.ringlog.broker.it;

import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/** A blocking socket speaking Kafka frames, to send exactly the (bad) bytes a test wants. */
final class RawKafkaConnection implements AutoCloseable {
    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;
    private int correlationId;

    RawKafkaConnection(InetSocketAddress address) throws IOException {
        socket.connect(address, 5000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    RequestHeader header(ApiKeys api, short version) {
        return new RequestHeader(api, version, "raw-test", ++correlationId);
    }

    /** Sends a well-formed request and parses its response. */
    AbstractResponse roundTrip(AbstractRequest request) throws IOException {
        RequestHeader header = header(request.apiKey(), request.version());
        sendFrame(request.serializeWithHeader(header));
        return AbstractResponse.parseResponse(readFrame(), header);
    }

    /** Serialises request data without the client-side checks of the request builders. */
    static ByteBuffer frame(RequestHeader header, org.apache.kafka.common.protocol.ApiMessage data) {
        org.apache.kafka.common.protocol.ObjectSerializationCache cache = new org.apache.kafka.common.protocol.ObjectSerializationCache();
        int headerSize = header.data().size(cache, header.headerVersion());
        int bodySize = data.size(cache, header.apiVersion());
        org.apache.kafka.common.protocol.ByteBufferAccessor out =
            new org.apache.kafka.common.protocol.ByteBufferAccessor(ByteBuffer.allocate(headerSize + bodySize));
        header.data().write(out, cache, header.headerVersion());
        data.write(out, cache, header.apiVersion());
        return out.buffer().flip();
    }

    /** Sends unchecked request data and parses the response. */
    AbstractResponse roundTrip(RequestHeader header, org.apache.kafka.common.protocol.ApiMessage data) throws IOException {
        sendFrame(frame(header, data));
        return AbstractResponse.parseResponse(readFrame(), header);
    }

    void sendFrame(ByteBuffer frame) throws IOException {
        ByteBuffer sized = ByteBuffer.allocate(4 + frame.remaining());
        sized.putInt(frame.remaining()).put(frame.duplicate()).flip();
        out.write(sized.array(), 0, sized.limit());
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    ByteBuffer readFrame() throws IOException {
        int size = in.readInt();
        byte[] body = new byte[size];
        in.readFully(body);
        return ByteBuffer.wrap(body);
    }

    /** True when the broker closed the connection (EOF) within the socket timeout. */
    boolean isClosedByBroker() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
