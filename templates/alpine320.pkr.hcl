# HCL2 twin of templates/alpine320.json: written by `kiln hcl2_upgrade templates/alpine320.json`, then tidied by hand
# (no packer block: Kiln has the qemu builder built in). Same sources, provisioners, post-processors and
# variables; keep the two in step. Relative paths are from the directory kiln runs in, as in the JSON.

variable "disk_size" {
  type    = string
  default = "1G"
}

variable "iso_checksum" {
  type    = string
  default = "file:https://dl-cdn.alpinelinux.org/alpine/v3.20/releases/x86_64/alpine-virt-3.20.10-x86_64.iso.sha256"
}

variable "iso_url" {
  type    = string
  default = "https://dl-cdn.alpinelinux.org/alpine/v3.20/releases/x86_64/alpine-virt-3.20.10-x86_64.iso"
}

variable "mirror" {
  type    = string
  default = "https://dl-cdn.alpinelinux.org/alpine"
}

variable "output_directory" {
  type    = string
  default = "output-alpine320"
}

variable "ssh_password" {
  type      = string
  default   = "kiln-jeos"
  sensitive = true
}

variable "ssh_username" {
  type    = string
  default = "kiln"
}

source "qemu" "alpine320-bios" {
  boot_command       = ["root<enter><wait5>", "KILN_USER='${var.ssh_username}' KILN_MIRROR='${var.mirror}' ", "setup-alpine -e -f http://{{ .HTTPIP }}:{{ .HTTPPort }}/alpine/answers", " && echo '${var.ssh_username}:${var.ssh_password}' | chpasswd", " && echo 'permit nopass :wheel' > /etc/doas.d/wheel-nopass.conf", " && ERASE_DISKS=/dev/vda setup-disk -m sys -s 0 /dev/vda && reboot<enter>"]
  boot_wait          = "45s"
  cpus               = 2
  disk_compression   = true
  disk_detect_zeroes = "unmap"
  disk_discard       = "unmap"
  disk_interface     = "virtio"
  disk_size          = "${var.disk_size}"
  format             = "qcow2"
  headless           = true
  http_directory     = "http"
  iso_checksum       = "${var.iso_checksum}"
  iso_url            = "${var.iso_url}"
  memory             = 1024
  net_device         = "virtio-net"
  output_directory   = "${var.output_directory}/bios"
  shutdown_command   = "doas -n poweroff"
  ssh_password       = "${var.ssh_password}"
  ssh_timeout        = "60m"
  ssh_username       = "${var.ssh_username}"
  vm_name            = "alpine320.qcow2"
}

source "qemu" "alpine320-uefi" {
  boot_command       = ["root<enter><wait5>", "KILN_USER='${var.ssh_username}' KILN_MIRROR='${var.mirror}' ", "setup-alpine -e -f http://{{ .HTTPIP }}:{{ .HTTPPort }}/alpine/answers", " && echo '${var.ssh_username}:${var.ssh_password}' | chpasswd", " && echo 'permit nopass :wheel' > /etc/doas.d/wheel-nopass.conf", " && ERASE_DISKS=/dev/vda setup-disk -m sys -s 0 /dev/vda && reboot<enter>"]
  boot_wait          = "45s"
  cpus               = 2
  disk_compression   = true
  disk_detect_zeroes = "unmap"
  disk_discard       = "unmap"
  disk_interface     = "virtio"
  disk_size          = "${var.disk_size}"
  efi_boot           = true
  efi_drop_efivars   = true
  format             = "qcow2"
  headless           = true
  http_directory     = "http"
  iso_checksum       = "${var.iso_checksum}"
  iso_url            = "${var.iso_url}"
  memory             = 1024
  net_device         = "virtio-net"
  output_directory   = "${var.output_directory}/uefi"
  shutdown_command   = "doas -n poweroff"
  ssh_password       = "${var.ssh_password}"
  ssh_timeout        = "60m"
  ssh_username       = "${var.ssh_username}"
  vm_name            = "alpine320.qcow2"
}

build {
  description = "Alpine Linux 3.20 JeOS: the virt ISO, setup-alpine with an answer file over HTTP, OpenSSH and doas, BIOS (alpine320-bios) and UEFI (alpine320-uefi) builds; a small generic qcow2 and a streamOptimized VMDK."

  sources = ["source.qemu.alpine320-bios", "source.qemu.alpine320-uefi"]

  provisioner "shell" {
    execute_command = "doas -n sh '{{ .Path }}'"
    scripts         = ["provisioners/alpine/minimize.sh", "provisioners/shared/generalize.sh"]
  }

  post-processor "convert" {
    keep_input_artifact = true
    format              = "vmdk"
    vmdk_subformat      = "streamOptimized"
  }
}
