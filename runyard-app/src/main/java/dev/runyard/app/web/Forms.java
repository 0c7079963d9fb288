package dev.runyard.app.web;

import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.AcceleratorDatabase;

/** Form fragments the pages share: the hardware fields and the GPU name datalist. */
final class Forms {
    private static volatile String datalist;

    private Forms() {
    }

    /** GPU, count, RAM and "this machine" fields, each with its label. */
    static String hardware(HardwareQuery hw) {
        boolean here = hw.given() && hw.gpu() == null && hw.rig() == null;
        return "<div class=\"field\"><label for=\"gpu\">GPU</label><input id=\"gpu\" name=\"gpu\" list=\"gpu-list\" "
                + "autocomplete=\"off\" maxlength=\"100\" placeholder=\"RTX 4090, M3 Max 64GB…\" value=\""
                + Html.esc(hw.rig() == null ? hw.gpu() : "") + "\"></div>"
                + "<div class=\"field\"><label for=\"gpus\">GPU count</label><input id=\"gpus\" name=\"gpus\" type=\"number\" "
                + "min=\"1\" max=\"1024\" value=\"" + (hw.gpus() == null ? "" : hw.gpus()) + "\"></div>"
                + "<div class=\"field\"><label for=\"ram\">RAM (GiB)</label><input id=\"ram\" name=\"ram\" type=\"number\" "
                + "min=\"1\" max=\"65536\" step=\"any\" value=\"" + (hw.ramGib() == null || hw.rig() != null ? "" : Html.num(hw.ramGib()))
                + "\"></div>"
                + "<div class=\"field check\"><input id=\"here\" name=\"here\" type=\"checkbox\" value=\"1\"" + (here ? " checked" : "")
                + "><label for=\"here\">This machine (detect the server's hardware)</label></div>"
                + (hw.rig() == null ? "" : "<input type=\"hidden\" name=\"rig\" value=\"" + Html.esc(hw.rig()) + "\">")
                + datalist();
    }

    static String datalist() {
        if (datalist == null) {
            StringBuilder sb = new StringBuilder("<datalist id=\"gpu-list\">");
            for (Accelerator a : AcceleratorDatabase.bundled().all()) {
                sb.append("<option value=\"").append(Html.esc(a.name())).append("\"></option>");
            }
            datalist = sb.append("</datalist>").toString();
        }
        return datalist;
    }
}
