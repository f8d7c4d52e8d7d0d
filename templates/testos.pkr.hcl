# HCL2 twin of templates/testos.json: written by `kiln hcl2_upgrade templates/testos.json`, then tidied by hand
# (no packer block: Kiln has the qemu builder built in). Same sources, provisioners, post-processors and
# variables; keep the two in step. Relative paths are from the directory kiln runs in, as in the JSON.

variable "accelerator" {
  type    = string
  default = "auto"
}

variable "iso_checksum" {
  type    = string
  default = "file:test/fixtures/testos/out/kiln-testos.iso.sha256"
}

variable "iso_url" {
  type    = string
  default = "test/fixtures/testos/out/kiln-testos.iso"
}

variable "marker" {
  type    = string
  default = "hello from kiln"
}

variable "output_directory" {
  type    = string
  default = "output-testos"
}

variable "ssh_password" {
  type      = string
  default   = "tr0mbone-sky"
  sensitive = true
}

source "qemu" "testos" {
  accelerator        = "${var.accelerator}"
  boot_command       = ["<esc><wait>", "install url=http://{{ .HTTPIP }}:{{ .HTTPPort }}/install.cfg<enter>"]
  boot_wait          = "3s"
  cpus               = 2
  disk_cache         = "unsafe"
  disk_detect_zeroes = "unmap"
  disk_discard       = "unmap"
  disk_interface     = "virtio"
  disk_size          = "1G"
  format             = "qcow2"
  headless           = true
  http_directory     = "http/testos"
  iso_checksum       = "${var.iso_checksum}"
  iso_url            = "${var.iso_url}"
  memory             = "1024"
  output_directory   = "${var.output_directory}"
  shutdown_command   = "poweroff"
  ssh_password       = "${var.ssh_password}"
  ssh_timeout        = "5m"
  ssh_username       = "root"
  vm_name            = "kiln-testos.qcow2"
}

build {
  description = "Kiln's hermetic test OS (test/fixtures/testos): installs from its ISO, provisions a marker file, and leaves a qcow2 and a vmdk."

  sources = ["source.qemu.testos"]

  provisioner "shell" {
    environment_vars = ["KILN_MARKER=${var.marker}"]
    script           = "provisioners/testos-marker.sh"
  }

  post-processor "convert" {
    format         = "vmdk"
    vmdk_subformat = "streamOptimized"
  }
}
